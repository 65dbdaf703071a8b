package dev.berth.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.json.BerthJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The REST API speaks the same JSON as the registry and the agent protocol. */
@Singleton
public class JacksonSetup implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(BerthJson.modelModule());
    }
}

package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;

/** The packages the master can install. */
public final class PackageClient {
    private final ApiCalls calls;

    PackageClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/packages}: name, version and description of each (no options). */
    public List<ServiceViews.PackageView> list() {
        return calls.get(ApiPath.v1("packages"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/packages/{name}}: one package with its options; {@link NotFoundException} lists the packages. */
    public ServiceViews.PackageView describe(String packageName) {
        return calls.get(ApiPath.v1("packages").name("package", packageName), ServiceViews.PackageView.class);
    }
}

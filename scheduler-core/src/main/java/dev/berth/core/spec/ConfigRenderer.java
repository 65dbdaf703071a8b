package dev.berth.core.spec;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Renders Mustache templates for config files and service specs. Mustache's default HTML escaping is
 * turned off: a config file is not a web page, and {@code a&b} must stay {@code a&b}, not become
 * {@code a&amp;b}. Dotted names reach into nested maps ({@code {{hello.count}}}); a name with no value
 * renders as nothing, as Mustache specifies.
 */
public final class ConfigRenderer {
    private ConfigRenderer() {
    }

    /** Renders {@code template} against {@code context}. */
    public static String render(String template, Map<String, Object> context) {
        return render("template", template, context);
    }

    /**
     * Renders {@code template} (called {@code name} in errors) against {@code context}.
     *
     * @throws SpecException naming {@code name} when the template is malformed (an unclosed section)
     */
    public static String render(String name, String template, Map<String, Object> context) {
        try {
            Mustache mustache = new RawMustacheFactory().compile(new StringReader(template), name);
            StringWriter out = new StringWriter();
            mustache.execute(out, List.of(context)).flush();
            return out.toString();
        } catch (MustacheException e) {
            throw new SpecException("cannot render " + name, new Violation(name, e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A factory that writes values as they are. */
    private static final class RawMustacheFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("cannot write " + value, e);
            }
        }
    }
}

package dev.berth.core.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The dashboard's templates (under {@code templates/ui/}), type-checked against these parameters when the
 * application is built. A page includes its sections; each section is also served alone as the fragment htmx
 * fetches again when the event stream names a change to it.
 */
@CheckedTemplate(basePath = "ui")
final class UiTemplates {
    private UiTemplates() {
    }

    static native TemplateInstance dashboard(Views.Header header, String streamUrl, Views.Triggers triggers,
                                             List<Views.AgentCard> agents, List<Views.ServicePanel> services,
                                             List<Views.EventLine> events);

    static native TemplateInstance service(Views.Header header, String streamUrl, Views.Triggers triggers,
                                           Views.ServicePanel panel);

    static native TemplateInstance agents(List<Views.AgentCard> agents);

    static native TemplateInstance services(List<Views.ServicePanel> services);

    static native TemplateInstance panel(Views.ServicePanel panel);

    static native TemplateInstance events(List<Views.EventLine> events);

    static native TemplateInstance login(String error);

    static native TemplateInstance logs(Views.Header header, String streamUrl, dev.berth.core.protocol.TaskFileChunk chunk,
                                        String followUrl);
}

package org.cbdf.systemtests.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** helm/cbdf driven through helm-java (the helm library itself, run in-process). */
final class Chart {

    static final Path DIRECTORY = Repository.path("helm/cbdf");

    static final String RELEASE = "cbdf";

    /** What the chart is rendered for (Chart.yaml's kubeVersion; preStop sleep needs 1.30). */
    static final String KUBERNETES_VERSION = "v1.33.0";

    private Chart() {
    }

    /** The value sets CI lints and renders: helm/cbdf/ci/*.yaml. */
    static List<Path> ciValueSets() {
        try (Stream<Path> files = Files.list(DIRECTORY.resolve("ci"))) {
            return files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Rendered template(Path valuesFile) {
        return template(valuesFile, (command) -> {
        });
    }

    static Rendered template(Path valuesFile, Consumer<TemplateCommand> options) {
        TemplateCommand command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace("governance")
            .withKubeVersion(KUBERNETES_VERSION);
        command.withValuesFile(valuesFile);
        options.accept(command);
        return new Rendered(Yaml.loadAll(command.call()));
    }

    /** The annotation that makes an object a Helm hook (pre-install, pre-upgrade …). */
    static final String HOOK = "helm.sh/hook";

    /** What {@link #templateWithHooks} renames {@link #HOOK} to while rendering, so that helm keeps the object. */
    private static final String HOOK_WHILE_RENDERED = "deployment-tests.cbdf/helm.sh-hook";

    /**
     * {@code helm template} including the hooks, as the helm CLI prints them. helm-java answers the release's
     * manifest only, without hooks; so the chart is copied with the hook annotation renamed (helm then renders those
     * objects like any other) and the name is restored in what was rendered. Nothing else of the chart changes.
     */
    static Rendered templateWithHooks(Path valuesFile, Consumer<TemplateCommand> options) {
        Path work;
        try {
            work = Files.createTempDirectory("cbdf-chart-hooks");
            Path copy = copy(work);
            try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
                for (Path template : templates.toList()) {
                    Files.writeString(template, Files.readString(template)
                        .replace("\"" + HOOK + "\":", "\"" + HOOK_WHILE_RENDERED + "\":"));
                }
            }
            TemplateCommand command = new Helm(copy).template().withName(RELEASE).withNamespace("governance")
                .withKubeVersion(KUBERNETES_VERSION);
            command.withValuesFile(valuesFile);
            options.accept(command);
            List<Map<String, Object>> objects = Yaml.loadAll(command.call());
            for (Map<String, Object> object : objects) {
                Map<String, Object> annotations = Yaml.mapAt(object, "metadata.annotations");
                if (annotations.containsKey(HOOK_WHILE_RENDERED)) {
                    annotations.put(HOOK, annotations.remove(HOOK_WHILE_RENDERED));
                }
            }
            deleteRecursively(work);
            return new Rendered(objects);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The chart copied into a directory, symbolic links resolved (as {@code helm package} does). */
    private static Path copy(Path workDirectory) throws IOException {
        Path copy = workDirectory.resolve("cbdf");
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(DIRECTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** The NOTES an install prints ({@code helm install --dry-run=client}: no cluster needed). */
    static String installNotes(Path valuesFile) {
        String output = new Helm(DIRECTORY).install().withName(RELEASE).withNamespace("governance")
            .withKubeVersion(KUBERNETES_VERSION).withValuesFile(valuesFile).clientOnly().dryRun().call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    /**
     * {@code helm lint --strict} with a value set. helm-java's lint takes no values file, so the chart is
     * copied (symbolic links resolved, as {@code helm package} does) with the value set laid over its
     * values.yaml, the way {@code helm lint -f} would.
     */
    static LintResult lint(Path valuesFile, Path workDirectory) throws IOException {
        Path copy = copy(workDirectory);
        Map<String, Object> values = Yaml.overlay(Yaml.load(Files.readString(DIRECTORY.resolve("values.yaml"))),
                Yaml.load(Files.readString(valuesFile)));
        Files.writeString(copy.resolve("values.yaml"), Yaml.dump(values));
        return new Helm(copy).lint().strict().call();
    }

    /** The objects {@code helm template} rendered. */
    record Rendered(List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
        }

        Optional<Map<String, Object>> find(String kind, String name) {
            return ofKind(kind).stream().filter((object) -> name.equals(Yaml.at(object, "metadata.name"))).findFirst();
        }

        Map<String, Object> get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered: "
                    + objects.stream().map((o) -> o.get("kind") + "/" + Yaml.at(o, "metadata.name")).toList()));
        }

        /** The one container of a service's Deployment. */
        Map<String, Object> container(String component) {
            List<Map<String, Object>> containers = Yaml.listAt(get("Deployment", name(component)), "spec.template.spec.containers");
            if (containers.size() != 1) {
                throw new AssertionError(component + " has " + containers.size() + " containers");
            }
            return containers.getFirst();
        }

        /**
         * The environment a service's container gets, as the kubelet assembles it: envFrom ConfigMaps first,
         * then env (a literal value, or the valueFrom source as it is written).
         */
        Map<String, Object> environment(String component) {
            Map<String, Object> environment = new LinkedHashMap<>();
            Map<String, Object> container = container(component);
            for (Map<String, Object> source : Yaml.listAt(container, "envFrom")) {
                String configMap = (String) Yaml.at(source, "configMapRef.name");
                environment.putAll(Yaml.mapAt(get("ConfigMap", configMap), "data"));
            }
            for (Map<String, Object> variable : Yaml.listAt(container, "env")) {
                environment.put((String) variable.get("name"),
                        variable.containsKey("valueFrom") ? variable.get("valueFrom") : variable.get("value"));
            }
            return environment;
        }

        static String name(String component) {
            return RELEASE + "-" + component;
        }
    }
}

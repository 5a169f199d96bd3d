package cutoff.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The package graph of the compiled main code (ArchUnit reads the classes, as {@code jdeps} does in
 * docs/architecture.md): no cycle, and every arrow points down the layers below, entry points first, the notice reader
 * last. A package depends only on packages of a lower layer; packages in one layer do not depend on each other.
 */
@AnalyzeClasses(packages = "cutoff", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {
    /** The layers, top first: the package names under {@code cutoff}. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("handler", "cli"),                  // the Lambda entry points; ./cutoff's commands
            Set.of("app"),                             // Config and Wiring: the composition root
            Set.of("web"),                             // the pages
            Set.of("http"),                            // request reading, negotiation, bodies
            Set.of("upload"),                          // notice files uploaded through the service, read into drafts
            // the feeds; ingest; the reader scored on a labelled corpus (./cutoff eval); notice documents
            // (PDF, DOCX, DOC, HTML), which only the command line reads (see below)
            Set.of("feed", "ingest", "eval", "document"),
            Set.of("officeservice"),                   // the research offices' services (over the records in office/)
            Set.of("subscription"),                    // subscribing, and who may make it send mail
            Set.of("dispatch"),                        // reminders planned and sent, the staff queue
            Set.of("store", "mail", "metrics"),        // DynamoDB, SES, CloudWatch
            Set.of("chat"),                            // the group chats: robots recognised, signed, posted to
            Set.of("office", "draft", "editor"),       // records: research offices; notice drafts; editors
            Set.of("calendar", "subscriber", "reminder"), // iCalendar; records: subscribers, reminders
            Set.of("deadline"),
            Set.of("notice"),
            Set.of("logging"),
            Set.of("util"));

    /** The layer of a class's package under {@code cutoff}, 0 at the top; empty outside {@code cutoff}. */
    private static Optional<Integer> layer(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith("cutoff.")) {
            return Optional.empty();
        }
        String top = name.substring("cutoff.".length()).split("\\.")[0];
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(top)) {
                return Optional.of(i);
            }
        }
        return Optional.of(-1);
    }

    private static final ArchCondition<JavaClass> DEPEND_ONLY_ON_LOWER_LAYERS =
            new ArchCondition<>("depend only on packages of a lower layer") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    int from = layer(c).orElseThrow();
                    if (from < 0) {
                        events.add(SimpleConditionEvent.violated(c, "a new package " + c.getPackageName()
                                + ": give it a layer in PackageGraphTest.LAYERS"));
                        return;
                    }
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        if (target.getPackageName().equals(c.getPackageName())) {
                            continue;
                        }
                        Optional<Integer> to = layer(target);
                        if (to.isPresent() && to.get() >= 0 && to.get() <= from) {
                            events.add(SimpleConditionEvent.violated(c, d.getDescription()));
                        }
                    }
                }
            };

    @ArchTest
    static final ArchRule everyArrow_pointsToALowerLayer =
            classes().that().resideInAPackage("cutoff..").should(DEPEND_ONLY_ON_LOWER_LAYERS);

    @ArchTest
    static final ArchRule thereIsNoCycle = slices().matching("cutoff.(*)..").should().beFreeOfCycles();

    /** The notice documents' libraries stay off the Lambda handlers' class path and cold start. */
    @ArchTest
    static final ArchRule documentLibraries_onlyInDocument = noClasses().that().resideOutsideOfPackage("cutoff.document..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..",
                    "org.apache.poi..", "org.apache.xmlbeans..", "org.jsoup..", "com.ibm.icu..");

    /** Notice documents are read by the command line and by notice uploads ({@code cutoff.upload}), nothing else. */
    @ArchTest
    static final ArchRule documents_areReadOnlyFromTheCommandLineAndUploads = noClasses()
            .that().resideOutsideOfPackages("cutoff.document..", "cutoff.cli..", "cutoff.upload..")
            .should().dependOnClassesThat().resideInAPackage("cutoff.document..");

    /**
     * Of the Lambda handlers, only the notice-upload function reaches uploads (and so the document libraries, which
     * only its layer carries): every other function's class path and cold start stay without them.
     */
    @ArchTest
    static final ArchRule uploads_areReachedOnlyByTheUploadFunction = noClasses()
            .that().resideInAPackage("cutoff.handler..").and().haveNameNotMatching("cutoff\\.handler\\.NoticeUploadHandler(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("cutoff.upload..", "cutoff.document..");
}

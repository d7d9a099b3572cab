package org.naturaflux.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of {@code docs/architecture.md} ("The arrows allowed"), checked on the main classes of every
 * module (tests excluded): a forbidden import fails the build with the class, the member and the line.
 */
@AnalyzeClasses(packages = "org.naturaflux", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String MODEL = "org.naturaflux.model..";
    static final String SOURCE = "org.naturaflux.source..";
    static final String SENSITIVITY = "org.naturaflux.sensitivity..";
    static final String FORMAT = "org.naturaflux.format..";
    static final String STORAGE = "org.naturaflux.storage..";
    static final String REQUEST = "org.naturaflux.request..";
    static final String WORKER = "org.naturaflux.worker..";

    /** What only a service may use: its framework, its broker, its object store client, CDI. */
    static final String[] SERVICE_INFRASTRUCTURE = {
        "io.quarkus..", "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..",
        "org.apache.kafka..",
        "io.minio..", "software.amazon.awssdk..",
        "jakarta.enterprise..", "jakarta.inject..", "javax.inject..", "jakarta.ws.rs..", "org.hibernate..",
    };

    @ArchTest
    static final ArchRule librariesDoNotImportServices = noClasses()
            .that().resideInAnyPackage(MODEL, SOURCE, SENSITIVITY, FORMAT)
            .should().dependOnClassesThat().resideInAnyPackage(REQUEST, WORKER)
            .as("the libraries (flux-model, source-lib, sensitivity-lib, format-lib) never import a service")
            .because("docs/architecture.md: the services depend on the libraries, never the reverse");

    @ArchTest
    static final ArchRule librariesArePlainJava = noClasses()
            .that().resideInAnyPackage(MODEL, SOURCE, SENSITIVITY, FORMAT)
            .should().dependOnClassesThat().resideInAnyPackage(SERVICE_INFRASTRUCTURE)
            .as("the libraries never import Quarkus, SmallRye, Kafka, MinIO or CDI")
            .because("docs/architecture.md: the libraries are plain Java, usable and testable without a service");

    @ArchTest
    static final ArchRule storageDoesNotImportServices = noClasses()
            .that().resideInAPackage(STORAGE)
            .should().dependOnClassesThat().resideInAnyPackage(REQUEST, WORKER)
            .orShould().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "io.smallrye..", "org.eclipse.microprofile..", "org.apache.kafka..",
                    "jakarta.enterprise..", "jakarta.inject..", "javax.inject..")
            .as("the storage module never imports a service, Quarkus, Kafka or CDI (its S3 client it may)")
            .because("docs/architecture.md: both services use it; it is plain Java");

    @ArchTest
    static final ArchRule requestServiceDoesNotImportTheWorker = noClasses()
            .that().resideInAPackage(REQUEST)
            .should().dependOnClassesThat().resideInAPackage(WORKER)
            .as("request-service never imports export-worker")
            .because("docs/architecture.md: the services meet only through flux-model's messages and the storage module");

    @ArchTest
    static final ArchRule workerDoesNotImportTheRequestService = noClasses()
            .that().resideInAPackage(WORKER)
            .should().dependOnClassesThat().resideInAPackage(REQUEST)
            .as("export-worker never imports request-service")
            .because("docs/architecture.md: the services meet only through flux-model's messages and the storage module");

    /** The "depends on (main scope)" column of docs/architecture.md's module table, between Naturaflux's own modules. */
    @ArchTest
    static final ArchRule moduleArrows = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("flux-model").definedBy(MODEL)
            .layer("flux-storage").definedBy(STORAGE)
            .layer("source-lib").definedBy(SOURCE)
            .layer("sensitivity-lib").definedBy(SENSITIVITY)
            .layer("format-lib").definedBy(FORMAT)
            .layer("request-service").definedBy(REQUEST)
            .layer("export-worker").definedBy(WORKER)
            .whereLayer("request-service").mayNotBeAccessedByAnyLayer()
            .whereLayer("export-worker").mayNotBeAccessedByAnyLayer()
            .whereLayer("flux-storage").mayOnlyBeAccessedByLayers("request-service", "export-worker")
            .whereLayer("source-lib").mayOnlyBeAccessedByLayers("request-service", "export-worker")
            .whereLayer("sensitivity-lib").mayOnlyBeAccessedByLayers("source-lib", "request-service", "export-worker")
            .whereLayer("format-lib").mayOnlyBeAccessedByLayers("export-worker")
            .as("the modules' arrows of docs/architecture.md");
}

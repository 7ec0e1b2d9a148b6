package org.opencem.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The api is what partners compile against: it must not leak the server's internals, and only its http
 * package may expose Vert.x types.
 */
class ApiDependencyTest {

    private static JavaClasses api;

    @BeforeAll
    static void importApi() {
        api = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencem.api");
    }

    @Test
    void apiDoesNotDependOnCore() {
        noClasses().that().resideInAPackage("org.opencem.api..")
                .should().dependOnClassesThat().resideInAPackage("org.opencem.core..")
                .because("plugins compile against the api only; the core is free to change")
                .check(api);
    }

    @Test
    void onlyTheHttpPackageSeesVertx() {
        noClasses().that().resideInAPackage("org.opencem.api..")
                .and().resideOutsideOfPackage("org.opencem.api.http..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("Vert.x types in the api are confined to org.opencem.api.http")
                .check(api);
    }

    @Test
    void rulesSeeTheClassesTheyAreAbout() {
        // Guards the two rules above against passing on an empty or partial import.
        classes().that().haveFullyQualifiedName("org.opencem.api.http.PublicRoutes")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(api);
        classes().that().haveFullyQualifiedName("org.opencem.api.channel.ChannelContext")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.opencem.api.http.PublicRoutes")
                .check(api);
    }
}

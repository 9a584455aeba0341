package dev.bookwise.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.bookwise", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

    @ArchTest
    static final ArchRule noSpringOrJpa = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

    /** The domain rules are plain Java: messages may carry Axon's annotations, the rules may not. */
    @ArchTest
    static final ArchRule calendarRulesArePlainJava = noClasses()
            .that()
            .resideInAnyPackage("dev.bookwise.calendar..", "dev.bookwise.errors..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", "com.fasterxml..");

    @ArchTest
    static final ArchRule messagesAreRecords = classes()
            .that()
            .resideInAnyPackage("dev.bookwise.events", "dev.bookwise.commands")
            .and()
            .areNotInterfaces()
            .should()
            .beRecords();
}

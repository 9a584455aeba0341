package dev.bookwise.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.bookwise", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule neverTheQuerySide =
            noClasses().should().dependOnClassesThat().resideInAPackage("dev.bookwise.query..");

    @ArchTest
    static final ArchRule theAggregateKnowsNoSpringOrWeb = noClasses()
            .that()
            .resideInAPackage("dev.bookwise.command.calendar..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta.servlet..",
                    "dev.bookwise.command.web..",
                    "dev.bookwise.command.host..",
                    "dev.bookwise.command.booking..");
}

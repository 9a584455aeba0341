package dev.bookwise.query.config;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** JPA only reads (event_type_view); every write goes through JDBC. */
@Configuration(proxyBeanMethods = false)
class JpaConfig {

    /**
     * The transaction manager Spring Boot makes without JPA, kept with JPA present. Boot would
     * otherwise make a JpaTransactionManager, whose Hibernate dialect cannot make savepoints; the
     * projections' dead-letter isolation runs each event's JDBC writes in one, and refused, every
     * event of a failed batch would be parked, other hosts' included (DeadLetterIT). The JPA reads run
     * outside transactions ({@code EventTypeRows}), so they need no JPA transaction manager.
     */
    @Bean
    JdbcTransactionManager transactionManager(
            DataSource dataSource, ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        customizers.ifAvailable(all -> all.customize(transactions));
        return transactions;
    }
}

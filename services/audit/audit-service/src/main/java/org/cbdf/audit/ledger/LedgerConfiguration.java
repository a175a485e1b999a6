package org.cbdf.audit.ledger;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.observability.QueryGauges;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayLimits.class)
class LedgerConfiguration {

    @Bean
    EventLeaf eventLeaf(JsonMapper json) {
        return new EventLeaf(json);
    }

    @Bean
    AggregateVersions aggregateVersions(JdbcClient jdbc, MeterRegistry meters) {
        return new AggregateVersions(jdbc, meters);
    }

    @Bean
    Ledger eventLedger(JdbcClient jdbc, TransactionTemplate transactions, EventLeaf leaves,
            AggregateVersions versions, Clock clock) {
        return new Ledger(jdbc, transactions, leaves, versions, clock);
    }

    @Bean
    MerkleNodes merkleNodes(JdbcClient jdbc) {
        return new MerkleNodes(jdbc);
    }

    @Bean
    LedgerEntries ledgerEntries(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
            EventLeaf leaves, JsonMapper json, ReplayLimits replays) {
        return new LedgerEntries(dataSource, jdbc, transactions, leaves, json, replays.pageSize());
    }

    @Bean
    LedgerMetrics ledgerMetrics(JdbcClient jdbc, QueryGauges gauges, MeterRegistry meters) {
        return new LedgerMetrics(jdbc, gauges, meters);
    }
}

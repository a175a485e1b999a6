package org.cbdf.audit.export;

import java.time.Clock;

import javax.sql.DataSource;

import org.cbdf.audit.checkpoint.Checkpoints;
import org.cbdf.audit.ledger.MerkleNodes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    @Bean
    BundleExport bundleExport(DataSource dataSource, PlatformTransactionManager transactions, MerkleNodes nodes,
            Checkpoints checkpoints, JsonMapper json, Clock clock) {
        return new BundleExport(dataSource, transactions, nodes, checkpoints, json, clock);
    }
}

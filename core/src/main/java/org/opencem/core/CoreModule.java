package org.opencem.core;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.opencem.api.security.TokenSigner;
import org.opencem.core.analytics.AnalyticsRoutes;
import org.opencem.core.analytics.RollupMaintenance;
import org.opencem.api.survey.ResponseRecorder;
import org.opencem.core.audit.AuditRoutes;
import org.opencem.core.auth.AuthRoutes;
import org.opencem.core.auth.TokenRoutes;
import org.opencem.core.auth.UserRoutes;
import org.opencem.core.channel.ChannelRoutes;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.customer.CustomerRoutes;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.customer.csv.CustomerCsvRoutes;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.ingest.EventRoutes;
import org.opencem.core.plugin.ExtensionRoutes;
import org.opencem.core.plugin.MetricListener;
import org.opencem.core.plugin.PluginRoutes;
import org.opencem.core.response.CoreResponseRecorder;
import org.opencem.core.response.ResponseRoutes;
import org.opencem.core.security.HmacTokenSigner;
import org.opencem.core.store.Database;
import org.opencem.core.survey.SurveyRoutes;

/**
 * The root injector's bindings: the server's infrastructure and the core services of the api that
 * plugins may inject. Each plugin's child injector sees these.
 */
final class CoreModule extends AbstractModule {

    private final ServerConfig config;
    private final Vertx vertx;
    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final ApiContract contract;

    CoreModule(ServerConfig config, Vertx vertx, Database database, PrometheusMeterRegistry metrics, ApiContract contract) {
        this.config = config;
        this.vertx = vertx;
        this.database = database;
        this.metrics = metrics;
        this.contract = contract;
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(Vertx.class).toInstance(vertx);
        bind(Database.class).toInstance(database);
        bind(PrometheusMeterRegistry.class).toInstance(metrics);
        bind(ApiContract.class).toInstance(contract);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(TokenSigner.class).to(HmacTokenSigner.class);
        bind(ResponseRecorder.class).to(CoreResponseRecorder.class);
        bind(IdentityNormalizer.class).toInstance(new IdentityNormalizer(config.customers().defaultPhoneRegion()));
        bind(MetricListener.class).to(RollupMaintenance.class);

        Multibinder<ApiRoutes> routes = Multibinder.newSetBinder(binder(), ApiRoutes.class);
        routes.addBinding().to(AuthRoutes.class);
        routes.addBinding().to(TokenRoutes.class);
        routes.addBinding().to(UserRoutes.class);
        routes.addBinding().to(PluginRoutes.class);
        routes.addBinding().to(ExtensionRoutes.class);
        routes.addBinding().to(ChannelRoutes.class);
        routes.addBinding().to(AuditRoutes.class);
        routes.addBinding().to(CustomerRoutes.class);
        routes.addBinding().to(EventRoutes.class);
        routes.addBinding().to(CustomerCsvRoutes.class);
        routes.addBinding().to(AnalyticsRoutes.class);
        routes.addBinding().to(SurveyRoutes.class);
        routes.addBinding().to(ResponseRoutes.class);
    }
}

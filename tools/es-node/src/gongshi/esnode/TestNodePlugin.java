package gongshi.esnode;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * For tests only: what Elasticsearch's minimal test distribution (integ-test-zip, the one Elasticsearch build on
 * Maven Central) lacks and the portal needs. Its analysis-common module is not published anywhere we can reach, so
 * the two filters our analyzer uses, cjk_width and cjk_bigram, are Lucene's own classes (shipped in the zip) under
 * the names and options analysis-common gives them. Its rest-root module is missing too, so GET / and HEAD / (the
 * version answer clients and our engine detection read) are answered here.
 */
public class TestNodePlugin extends Plugin implements AnalysisPlugin, ActionPlugin {
    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    static final class CjkWidth extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        CjkWidth(String name, Settings s) { super(name, s); }
        @Override public TokenStream create(TokenStream ts) { return new CJKWidthFilter(ts); }
    }

    static final class CjkBigram extends AbstractTokenFilterFactory {
        private final int flags;
        private final boolean outputUnigrams;
        CjkBigram(String name, Settings s) {
            super(name, s);
            outputUnigrams = s.getAsBoolean("output_unigrams", false);
            List<String> ignored = s.getAsList("ignored_scripts");
            int f = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            for (String sc : ignored) {
                switch (sc.toLowerCase(Locale.ROOT)) {
                    case "han": f &= ~CJKBigramFilter.HAN; break;
                    case "hiragana": f &= ~CJKBigramFilter.HIRAGANA; break;
                    case "katakana": f &= ~CJKBigramFilter.KATAKANA; break;
                    case "hangul": f &= ~CJKBigramFilter.HANGUL; break;
                    default: throw new IllegalArgumentException("unknown script [" + sc + "] in ignored_scripts");
                }
            }
            flags = f;
        }
        @Override public TokenStream create(TokenStream ts) { return new CJKBigramFilter(ts, flags, outputUnigrams); }
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "cjk_width", (is, env, name, s) -> new CjkWidth(name, s),
            "cjk_bigram", (is, env, name, s) -> new CjkBigram(name, s));
    }

    @Override
    public Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry r, RestController rc,
            ClusterSettings cs, IndexScopedSettings iss, SettingsFilter sf, IndexNameExpressionResolver inr,
            Supplier<DiscoveryNodes> nodes, Predicate<NodeFeature> feat) {
        return List.of(new BaseRestHandler() {
            @Override public String getName() { return "gongshi_main_action"; }
            @Override public List<Route> routes() { return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/")); }
            @Override protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                if (request.method() == RestRequest.Method.HEAD) {
                    return channel -> channel.sendResponse(new RestResponse(RestStatus.OK, "application/json", org.elasticsearch.common.bytes.BytesArray.EMPTY));
                }
                return channel -> {
                    Build b = Build.current();
                    ClusterService c = clusterService;
                    XContentBuilder x = channel.newBuilder();
                    x.startObject();
                    x.field("name", c.localNode().getName());
                    x.field("cluster_name", c.getClusterName().value());
                    x.field("cluster_uuid", c.state().metadata().clusterUUID());
                    x.startObject("version");
                    x.field("number", b.qualifiedVersion());
                    x.field("build_flavor", b.flavor());
                    x.field("build_type", b.type().displayName());
                    x.field("build_hash", b.hash());
                    x.field("build_date", b.date());
                    x.field("build_snapshot", b.isSnapshot());
                    x.field("lucene_version", org.apache.lucene.util.Version.LATEST.toString());
                    x.field("minimum_wire_compatibility_version", b.minWireCompatVersion());
                    x.field("minimum_index_compatibility_version", b.minIndexCompatVersion());
                    x.endObject();
                    x.field("tagline", "You Know, for Search");
                    x.endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, x));
                };
            }
        });
    }
}

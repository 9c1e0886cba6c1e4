package dk.sdgportal.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.classic.ClassicFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.Build;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * A small stand-in for Elasticsearch's analysis-common module, which the
 * integ-test-zip distribution on Maven Central does not ship. It registers the
 * analyzers, tokenizers, token filters and char filters that Wagtail and this
 * project use, under their usual Elasticsearch names, on top of Lucene's own
 * analysis classes (lucene-analysis-common is part of the distribution).
 * It also answers GET / and HEAD / (the rest-root module is missing too), which
 * clients use for info() and ping().
 */
public class SdgAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    @Override
    public Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry registry,
            RestController controller, ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter, IndexNameExpressionResolver resolver, Supplier<DiscoveryNodes> nodes,
            Predicate<NodeFeature> features) {
        return List.of(new RootHandler());
    }

    /** The body of Elasticsearch's GET / ("main") response. */
    private static final class RootHandler extends BaseRestHandler {
        public String getName() { return "sdg_root_action"; }

        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> client.admin().cluster().prepareState(TimeValue.timeValueSeconds(30)).clear()
                .setMetadata(true).setNodes(true).execute(ActionListener.wrap(resp -> {
                    ClusterState state = resp.getState();
                    Build build = Build.current();
                    XContentBuilder b = channel.newBuilder();
                    b.startObject();
                    b.field("name", state.nodes().getLocalNode().getName());
                    b.field("cluster_name", resp.getClusterName().value());
                    b.field("cluster_uuid", state.metadata().clusterUUID());
                    b.startObject("version");
                    b.field("number", build.qualifiedVersion());
                    b.field("build_flavor", build.flavor());
                    b.field("build_type", build.type().displayName());
                    b.field("build_hash", build.hash());
                    b.field("build_date", build.date());
                    b.field("build_snapshot", build.isSnapshot());
                    b.field("lucene_version", IndexVersion.current().luceneVersion().toString());
                    b.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
                    b.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
                    b.endObject();
                    b.field("tagline", "You Know, for Search");
                    b.endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, b));
                }, e -> {
                    try {
                        channel.sendResponse(new RestResponse(channel, e));
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                }));
        }
    }

    /** Settings -> token stream wrapper. */
    private interface FilterBuilder {
        Function<TokenStream, TokenStream> build(IndexSettings idx, Environment env, Settings s) throws IOException;
    }

    /** Settings -> tokenizer. */
    private interface TokenizerBuilder {
        java.util.function.Supplier<Tokenizer> build(IndexSettings idx, Settings s);
    }

    private static TokenFilterFactory filter(String name, Function<TokenStream, TokenStream> f, boolean normalizing) {
        if (normalizing) {
            return new NormalizingTokenFilterFactory() {
                public String name() { return name; }
                public TokenStream create(TokenStream ts) { return f.apply(ts); }
            };
        }
        return new TokenFilterFactory() {
            public String name() { return name; }
            public TokenStream create(TokenStream ts) { return f.apply(ts); }
        };
    }

    private static AnalysisProvider<TokenFilterFactory> tf(FilterBuilder b, boolean normalizing) {
        return (idx, env, name, s) -> filter(name, b.build(idx, env, s), normalizing);
    }

    private static AnalysisProvider<TokenizerFactory> tk(TokenizerBuilder b) {
        return (idx, env, name, s) -> TokenizerFactory.newFactory(name, b.build(idx, s));
    }

    private static void checkNgramDiff(IndexSettings idx, int min, int max, String what) {
        int allowed = idx.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + what
                + " must be less than or equal to: [" + allowed + "] but was [" + (max - min)
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
    }

    /** Elasticsearch's token_chars classes for the ngram tokenizers. */
    private static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) return c -> true;
        String custom = s.get("custom_token_chars", "");
        IntPredicate p = c -> false;
        for (String cls : classes) {
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> p = p.or(Character::isLetter);
                case "digit" -> p = p.or(Character::isDigit);
                case "whitespace" -> p = p.or(Character::isWhitespace);
                case "punctuation" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                         Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                         Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                         Character.OTHER_SYMBOL -> true;
                    default -> false;
                });
                case "custom" -> p = p.or(c -> custom.indexOf(c) >= 0);
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls
                    + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]");
            }
        }
        return p;
    }

    private static String snowballName(String language) {
        String l = language.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    private static TokenStream snowball(TokenStream ts, String language) {
        try {
            return new SnowballFilter(ts, snowballName(language));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown stemmer language [" + language + "]", e);
        }
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new HashMap<>();
        m.put("lowercase", tf((i, e, s) -> LowerCaseFilter::new, true));
        m.put("uppercase", tf((i, e, s) -> UpperCaseFilter::new, true));
        m.put("asciifolding", (idx, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new NormalizingTokenFilterFactory() {
                public String name() { return name; }
                public TokenStream create(TokenStream ts) { return new ASCIIFoldingFilter(ts, preserve); }
                public TokenStream normalize(TokenStream ts) { return new ASCIIFoldingFilter(ts, false); }
            };
        });
        m.put("scandinavian_folding", tf((i, e, s) -> ScandinavianFoldingFilter::new, true));
        m.put("scandinavian_normalization", tf((i, e, s) -> ScandinavianNormalizationFilter::new, true));
        m.put("german_normalization", tf((i, e, s) -> GermanNormalizationFilter::new, true));
        m.put("decimal_digit", tf((i, e, s) -> DecimalDigitFilter::new, true));
        m.put("trim", tf((i, e, s) -> TrimFilter::new, true));
        m.put("reverse", tf((i, e, s) -> ReverseStringFilter::new, false));
        m.put("classic", tf((i, e, s) -> ClassicFilter::new, false));
        m.put("porter_stem", tf((i, e, s) -> PorterStemFilter::new, false));
        m.put("kstem", tf((i, e, s) -> KStemFilter::new, false));
        m.put("remove_duplicates", tf((i, e, s) -> RemoveDuplicatesTokenFilter::new, false));
        m.put("ngram", tf((i, e, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            checkNgramDiff(i, min, max, "NGram Tokenizer");
            return ts -> new NGramTokenFilter(ts, min, max, preserve);
        }, false));
        m.put("edge_ngram", tf((i, e, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            boolean back = "back".equalsIgnoreCase(s.get("side", "front"));
            return ts -> back
                ? new ReverseStringFilter(new EdgeNGramTokenFilter(new ReverseStringFilter(ts), min, max, preserve))
                : new EdgeNGramTokenFilter(ts, min, max, preserve);
        }, false));
        m.put("length", tf((i, e, s) -> {
            int min = s.getAsInt("min", 0), max = s.getAsInt("max", Integer.MAX_VALUE);
            return ts -> new LengthFilter(ts, min, max);
        }, false));
        m.put("truncate", tf((i, e, s) -> {
            int len = s.getAsInt("length", 10);
            return ts -> new TruncateTokenFilter(ts, len);
        }, true));
        m.put("elision", tf((i, e, s) -> {
            CharArraySet articles = Analysis.parseArticles(e, s);
            CharArraySet set = articles == null ? FrenchAnalyzer.DEFAULT_ARTICLES : articles;
            return ts -> new ElisionFilter(ts, set);
        }, true));
        m.put("snowball", tf((i, e, s) -> {
            String lang = s.get("language", "English");
            return ts -> snowball(ts, lang);
        }, false));
        m.put("stemmer", tf((i, e, s) -> {
            String lang = s.get("language", s.get("name", "porter")).toLowerCase(Locale.ROOT);
            return switch (lang) {
                case "english", "porter" -> PorterStemFilter::new;
                case "light_english", "kstem" -> KStemFilter::new;
                case "porter2" -> ts -> snowball(ts, "English");
                default -> ts -> snowball(ts, lang);
            };
        }, false));
        m.put("keyword_marker", tf((i, e, s) -> {
            CharArraySet words = Analysis.getWordSet(e, s, "keywords");
            boolean ignoreCase = s.getAsBoolean("ignore_case", false);
            CharArraySet set = new CharArraySet(words == null ? List.of() : words, ignoreCase);
            return ts -> new SetKeywordMarkerFilter(ts, set);
        }, false));
        m.put("pattern_replace", tf((i, e, s) -> {
            Pattern p = Pattern.compile(s.get("pattern", ""));
            String replacement = s.get("replacement", "");
            boolean all = s.getAsBoolean("all", true);
            return ts -> new PatternReplaceFilter(ts, p, replacement, all);
        }, true));
        m.put("word_delimiter_graph", tf((i, e, s) -> {
            int flags = 0;
            if (s.getAsBoolean("generate_word_parts", true)) flags |= WordDelimiterGraphFilter.GENERATE_WORD_PARTS;
            if (s.getAsBoolean("generate_number_parts", true)) flags |= WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;
            if (s.getAsBoolean("catenate_words", false)) flags |= WordDelimiterGraphFilter.CATENATE_WORDS;
            if (s.getAsBoolean("catenate_numbers", false)) flags |= WordDelimiterGraphFilter.CATENATE_NUMBERS;
            if (s.getAsBoolean("catenate_all", false)) flags |= WordDelimiterGraphFilter.CATENATE_ALL;
            if (s.getAsBoolean("split_on_case_change", true)) flags |= WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE;
            if (s.getAsBoolean("preserve_original", false)) flags |= WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
            if (s.getAsBoolean("split_on_numerics", true)) flags |= WordDelimiterGraphFilter.SPLIT_ON_NUMERICS;
            if (s.getAsBoolean("stem_english_possessive", true)) flags |= WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
            final int f = flags;
            return ts -> new WordDelimiterGraphFilter(ts, f, null);
        }, false));
        m.put("synonym", AnalysisPlugin.requiresAnalysisSettings((idx, env, name, s) -> new SynonymFactory(name, env, s, false)));
        m.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((idx, env, name, s) -> new SynonymFactory(name, env, s, true)));
        return m;
    }

    /**
     * synonym / synonym_graph with inline "synonyms" or "synonyms_path" in Solr format. The rules are
     * analysed with the chain that comes before the filter, as Elasticsearch does.
     */
    private static final class SynonymFactory implements TokenFilterFactory {
        private final String name;
        private final List<String> rules;
        private final boolean expand;
        private final boolean lenient;
        private final boolean graph;

        SynonymFactory(String name, Environment env, Settings s, boolean graph) {
            this.name = name;
            this.graph = graph;
            this.expand = s.getAsBoolean("expand", true);
            this.lenient = s.getAsBoolean("lenient", false);
            if (s.get("format", "solr").equalsIgnoreCase("wordnet")) {
                throw new IllegalArgumentException("wordnet synonym format is not supported by this test build");
            }
            List<String> r = Analysis.getWordList(env, s, "synonyms");
            if (r == null) {
                throw new IllegalArgumentException("synonym requires either `synonyms` or `synonyms_path` to be configured");
            }
            this.rules = r;
        }

        public String name() { return name; }

        public TokenStream create(TokenStream ts) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
        }

        public TokenFilterFactory getSynonymFilter() { return IDENTITY_FILTER; }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(IndexCreationContext context, TokenizerFactory tokenizer,
                List<CharFilterFactory> charFilters, List<TokenFilterFactory> previous,
                Function<String, TokenFilterFactory> allFilters) {
            List<TokenFilterFactory> chain = new ArrayList<>();
            for (TokenFilterFactory f : previous) chain.add(f.getSynonymFilter());
            Analyzer analyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]),
                chain.toArray(new TokenFilterFactory[0]));
            SynonymMap map;
            try {
                SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer);
                for (String rule : rules) {
                    try {
                        parser.parse(new StringReader(rule));
                    } catch (Exception e) {
                        if (!lenient) throw new IllegalArgumentException("failed to build synonyms: " + rule, e);
                    }
                }
                map = parser.build();
            } catch (IOException e) {
                throw new IllegalArgumentException("failed to build synonyms", e);
            }
            final SynonymMap synonyms = map;
            final String n = name;
            return new TokenFilterFactory() {
                public String name() { return n; }
                public TokenStream create(TokenStream ts) {
                    if (synonyms.fst == null) return ts;
                    TokenStream out = new SynonymGraphFilter(ts, synonyms, false);
                    return graph ? out : new FlattenGraphFilter(out);
                }
                public TokenFilterFactory getSynonymFilter() { return IDENTITY_FILTER; }
            };
        }
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new HashMap<>();
        m.put("ngram", tk((i, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(i, min, max, "NGram Tokenizer");
            IntPredicate chars = tokenChars(s);
            return () -> new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) { return chars.test(chr); }
            };
        }));
        m.put("edge_ngram", tk((i, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return () -> new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) { return chars.test(chr); }
            };
        }));
        m.put("whitespace", tk((i, s) -> WhitespaceTokenizer::new));
        m.put("keyword", tk((i, s) -> KeywordTokenizer::new));
        m.put("letter", tk((i, s) -> LetterTokenizer::new));
        m.put("classic", tk((i, s) -> ClassicTokenizer::new));
        m.put("uax_url_email", tk((i, s) -> UAX29URLEmailTokenizer::new));
        m.put("pattern", tk((i, s) -> {
            Pattern p = Pattern.compile(s.get("pattern", "\\W+"));
            int group = s.getAsInt("group", -1);
            return () -> new PatternTokenizer(p, group);
        }));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new HashMap<>();
        m.put("html_strip", (idx, env, name, s) -> {
            HashSet<String> escaped = new HashSet<>(s.getAsList("escaped_tags"));
            return new CharFilterFactory() {
                public String name() { return name; }
                public Reader create(Reader r) { return new HTMLStripCharFilter(r, escaped); }
            };
        });
        m.put("mapping", AnalysisPlugin.requiresAnalysisSettings((idx, env, name, s) -> {
            List<String> rules = Analysis.getWordList(env, s, "mappings");
            if (rules == null) throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                int at = rule.indexOf("=>");
                if (at < 0) throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]");
                b.add(rule.substring(0, at).trim(), rule.substring(at + 2).trim());
            }
            NormalizeCharMap map = b.build();
            return new NormalizingCharFilterFactory() {
                public String name() { return name; }
                public Reader create(Reader r) { return new MappingCharFilter(map, r); }
            };
        }));
        m.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((idx, env, name, s) -> {
            Pattern p = Pattern.compile(s.get("pattern", ""));
            String replacement = s.get("replacement", "");
            return new NormalizingCharFilterFactory() {
                public String name() { return name; }
                public Reader create(Reader r) { return new PatternReplaceCharFilter(p, replacement, r); }
            };
        }));
        return m;
    }

    /** Lucene language analyzer with (stopwords, stem exclusion) constructor. */
    private interface LanguageAnalyzer {
        Analyzer create(CharArraySet stopwords, CharArraySet stemExclusion);
    }

    private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> language(LanguageAnalyzer ctor, CharArraySet defaults) {
        return (idx, env, name, s) -> {
            Analyzer analyzer = ctor.create(Analysis.parseStopWords(env, s, defaults),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET));
            return new AbstractIndexAnalyzerProvider<Analyzer>(name, s) {
                public Analyzer get() { return analyzer; }
            };
        };
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> m = new HashMap<>();
        m.put("danish", language(DanishAnalyzer::new, DanishAnalyzer.getDefaultStopSet()));
        m.put("english", language(EnglishAnalyzer::new, EnglishAnalyzer.getDefaultStopSet()));
        m.put("german", language(GermanAnalyzer::new, GermanAnalyzer.getDefaultStopSet()));
        m.put("swedish", language(SwedishAnalyzer::new, SwedishAnalyzer.getDefaultStopSet()));
        m.put("norwegian", language(NorwegianAnalyzer::new, NorwegianAnalyzer.getDefaultStopSet()));
        m.put("finnish", language(FinnishAnalyzer::new, FinnishAnalyzer.getDefaultStopSet()));
        m.put("dutch", language(DutchAnalyzer::new, DutchAnalyzer.getDefaultStopSet()));
        m.put("french", language(FrenchAnalyzer::new, FrenchAnalyzer.getDefaultStopSet()));
        m.put("spanish", language(SpanishAnalyzer::new, SpanishAnalyzer.getDefaultStopSet()));
        return m;
    }
}

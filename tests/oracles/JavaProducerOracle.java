// Oracle harness: asks the real Apache Kafka Java client (kafka-clients jar on
// the classpath) what it does with producer configurations.
//
// Driven by tests/oracles/java_client.py; not part of honolint itself.
//
// Modes:
//   (default)        read configs from stdin, one per line, write one JSON
//                    object per config to stdout (same order).
//   --no-construct   do not construct a KafkaProducer; the verdict comes from
//                    new ProducerConfig(props) + KafkaProducer's delivery
//                    timeout check only.
//   --dump-keys      write one JSON object describing ProducerConfig and
//                    ConsumerConfig definitions.
//
// Input line format (ASCII only): "C" followed by zero or more tokens
// " <base64(utf8 key)>:<base64(utf8 value)>". Any byte sequence survives.
//
// Output is pure ASCII JSON (non-ASCII characters escaped as \\uXXXX).

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

public final class JavaProducerOracle {

    /** Keys without a default that the harness fills in when absent. */
    private static final String[][] REQUIRED_FILL = {
        {"bootstrap.servers", "127.0.0.1:1"},
        {"key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"},
        {"value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"},
    };

    private static final String[] EFFECTIVE_KEYS = {
        "acks", "retries", "enable.idempotence",
        "max.in.flight.requests.per.connection", "delivery.timeout.ms",
        "linger.ms", "request.timeout.ms", "transactional.id",
    };

    private static Method deliveryTimeoutMethod;
    private static String deliveryTimeoutSource;

    public static void main(String[] args) throws Exception {
        boolean construct = true;
        boolean dumpKeys = false;
        for (String a : args) {
            if (a.equals("--no-construct")) construct = false;
            else if (a.equals("--dump-keys")) dumpKeys = true;
            else throw new IllegalArgumentException("unknown argument: " + a);
        }
        // Keep stdout for our JSON only: anything else the client might print
        // (it should log through slf4j, which has no provider here) goes to stderr.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "US-ASCII");
        System.setOut(System.err);

        if (dumpKeys) {
            out.println(dumpKeys());
            out.flush();
            return;
        }

        try {
            deliveryTimeoutMethod = KafkaProducer.class.getDeclaredMethod(
                "configureDeliveryTimeout", ProducerConfig.class, Logger.class);
            deliveryTimeoutMethod.setAccessible(true);
            deliveryTimeoutSource = "KafkaProducer.configureDeliveryTimeout (reflection)";
        } catch (ReflectiveOperationException | RuntimeException e) {
            deliveryTimeoutMethod = null;
            deliveryTimeoutSource = "replica of KafkaProducer.configureDeliveryTimeout";
        }

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            out.println(evaluate(decode(line), construct));
            out.flush();
        }
    }

    // ---------------------------------------------------------------- input

    private static Map<String, String> decode(String line) {
        if (!line.startsWith("C")) throw new IllegalArgumentException("bad input line: " + line);
        Map<String, String> m = new LinkedHashMap<>();
        String rest = line.substring(1).trim();
        if (rest.isEmpty()) return m;
        Base64.Decoder d = Base64.getDecoder();
        for (String tok : rest.split(" +")) {
            int i = tok.indexOf(':');
            if (i < 0) throw new IllegalArgumentException("bad token: " + tok);
            String k = new String(d.decode(tok.substring(0, i)), StandardCharsets.UTF_8);
            String v = new String(d.decode(tok.substring(i + 1)), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    // ------------------------------------------------------------ evaluation

    private static String evaluate(Map<String, String> user, boolean construct) {
        Properties props = new Properties();
        for (Map.Entry<String, String> e : user.entrySet()) props.setProperty(e.getKey(), e.getValue());
        List<String> supplied = new ArrayList<>();
        for (String[] kv : REQUIRED_FILL) {
            if (!props.containsKey(kv[0])) {
                props.setProperty(kv[0], kv[1]);
                supplied.add(kv[0]);
            }
        }

        // Stage 1: ProducerConfig (ConfigDef parse/validate + postProcessParsedConfig).
        // Stage 2: KafkaProducer.configureDeliveryTimeout on that config.
        Throwable configError = null;
        String configStage = null;
        ProducerConfig config = null;
        Integer deliveryTimeout = null;
        try {
            config = new ProducerConfig(props);
        } catch (Throwable t) {
            configError = t;
            configStage = "ProducerConfig";
        }
        if (config != null) {
            try {
                deliveryTimeout = configureDeliveryTimeout(config);
            } catch (Throwable t) {
                configError = t;
                configStage = "configureDeliveryTimeout";
            }
        }

        // Stage 3 (optional): construct the real KafkaProducer and close it at once.
        Throwable producerError = null;
        boolean producerTried = false;
        long producerNanos = 0;
        if (construct) {
            producerTried = true;
            long t0 = System.nanoTime();
            KafkaProducer<byte[], byte[]> p = null;
            try {
                p = new KafkaProducer<>(props);
            } catch (Throwable t) {
                producerError = t;
            } finally {
                if (p != null) {
                    try { p.close(Duration.ZERO); } catch (Throwable ignored) { }
                }
            }
            producerNanos = System.nanoTime() - t0;
        }

        boolean configAccepted = configError == null;
        boolean producerAccepted = producerError == null;
        // A LinkageError (e.g. NoClassDefFoundError for a compression codec jar missing
        // from the classpath) says something about this harness, not about the config:
        // fall back to the ProducerConfig verdict and report it as harness_error.
        Throwable producerRoot = unwrap(producerError);
        boolean harnessError = producerRoot instanceof LinkageError;
        boolean producerVerdict = producerTried && !harnessError;
        boolean accepted = producerVerdict ? producerAccepted : configAccepted;
        Throwable verdictError = producerVerdict ? producerError : configError;
        Throwable root = unwrap(verdictError);

        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        field(sb, "accepted", accepted);
        sb.append(',');
        field(sb, "message", root == null ? null : root.getMessage());
        sb.append(',');
        field(sb, "exception", root == null ? null : root.getClass().getSimpleName());
        sb.append(',');
        field(sb, "exception_class", root == null ? null : root.getClass().getName());
        sb.append(',');
        field(sb, "wrapped_in", verdictError != null && verdictError != root ? verdictError.getClass().getName() : null);
        sb.append(',');
        field(sb, "wrapper_message", verdictError != null && verdictError != root ? verdictError.getMessage() : null);
        sb.append(',');
        field(sb, "stage", accepted ? null : (producerVerdict && configAccepted ? "KafkaProducer" : configStage));
        sb.append(',');
        field(sb, "verdict_source", producerVerdict ? "KafkaProducer" : "ProducerConfig+configureDeliveryTimeout");
        sb.append(',');
        field(sb, "harness_error", harnessError ? producerRoot.toString() : null);
        sb.append(',');

        // Checks from both paths, so callers can see whether they agree.
        sb.append("\"config_check\":{");
        field(sb, "accepted", configAccepted);
        sb.append(',');
        Throwable cr = unwrap(configError);
        field(sb, "message", cr == null ? null : cr.getMessage());
        sb.append(',');
        field(sb, "exception", cr == null ? null : cr.getClass().getSimpleName());
        sb.append(',');
        field(sb, "stage", configStage);
        sb.append(',');
        field(sb, "delivery_timeout_check", deliveryTimeoutSource);
        sb.append("},");
        sb.append("\"producer_check\":");
        if (!producerTried) {
            sb.append("null");
        } else {
            sb.append('{');
            field(sb, "accepted", producerAccepted);
            sb.append(',');
            Throwable pr = producerRoot;
            field(sb, "message", pr == null ? null : pr.getMessage());
            sb.append(',');
            field(sb, "exception", pr == null ? null : pr.getClass().getSimpleName());
            sb.append(',');
            field(sb, "millis", String.valueOf(producerNanos / 1_000_000));
            sb.append('}');
        }
        sb.append(',');

        sb.append("\"supplied\":[");
        for (int i = 0; i < supplied.size(); i++) {
            if (i > 0) sb.append(',');
            str(sb, supplied.get(i));
        }
        sb.append("],");

        sb.append("\"effective\":");
        if (config == null) {
            sb.append("null");
        } else {
            sb.append('{');
            boolean first = true;
            for (String k : EFFECTIVE_KEYS) {
                if (!first) sb.append(',');
                first = false;
                field(sb, k, effective(config, k, deliveryTimeout));
            }
            sb.append('}');
        }
        sb.append(',');
        sb.append("\"idempotent\":");
        if (config == null) sb.append("null");
        else sb.append(config.getBoolean("enable.idempotence") ? "true" : "false");
        sb.append('}');
        return sb.toString();
    }

    /** Values as the client holds them after postProcessParsedConfig, read with the typed getters it uses. */
    private static String effective(ProducerConfig config, String key, Integer deliveryTimeout) {
        Object o;
        switch (key) {
            case "acks":
            case "transactional.id":
                o = config.getString(key);
                break;
            case "enable.idempotence":
                o = config.getBoolean(key);
                break;
            case "linger.ms":
                o = config.getLong(key);
                break;
            case "delivery.timeout.ms":
                // What KafkaProducer actually uses: configureDeliveryTimeout's result
                // (null only if that check threw).
                o = deliveryTimeout != null ? deliveryTimeout : config.getInt(key);
                break;
            default:
                o = config.getInt(key);
        }
        return o == null ? null : String.valueOf(o);
    }

    /** Real client code via reflection when possible; byte-for-byte replica otherwise. */
    private static int configureDeliveryTimeout(ProducerConfig config) throws Throwable {
        if (deliveryTimeoutMethod != null) {
            try {
                return (Integer) deliveryTimeoutMethod.invoke(null, config, NOPLogger.NOP_LOGGER);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        int deliveryTimeoutMs = config.getInt("delivery.timeout.ms");
        int lingerMs = (int) Math.min(config.getLong("linger.ms"), Integer.MAX_VALUE);
        int requestTimeoutMs = config.getInt("request.timeout.ms");
        int lingerAndRequestTimeoutMs = (int) Math.min((long) lingerMs + requestTimeoutMs, Integer.MAX_VALUE);
        if (deliveryTimeoutMs < lingerAndRequestTimeoutMs) {
            if (config.originals().containsKey("delivery.timeout.ms")) {
                throw new ConfigException("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms");
            }
            deliveryTimeoutMs = lingerAndRequestTimeoutMs;
        }
        return deliveryTimeoutMs;
    }

    /** KafkaProducer wraps constructor failures in KafkaException("Failed to construct kafka producer", cause). */
    private static Throwable unwrap(Throwable t) {
        if (t == null) return null;
        Throwable cur = t;
        while (!(cur instanceof ConfigException) && cur.getCause() != null && cur.getCause() != cur) {
            if (cur instanceof InvocationTargetException || cur.getClass().getName().equals("org.apache.kafka.common.KafkaException")) {
                cur = cur.getCause();
            } else {
                break;
            }
        }
        return cur;
    }

    // ------------------------------------------------------------ dump-keys

    private static String dumpKeys() {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append('{');
        field(sb, "kafka_clients_version", AppInfoParser.getVersion());
        sb.append(',');
        field(sb, "kafka_clients_commit", AppInfoParser.getCommitId());
        sb.append(',');
        sb.append("\"producer\":");
        defJson(sb, ProducerConfig.configDef());
        sb.append(',');
        sb.append("\"consumer\":");
        defJson(sb, ConsumerConfig.configDef());
        sb.append('}');
        return sb.toString();
    }

    /** Keys in ConfigDef order (a LinkedHashMap: the order of define() calls = validation order). */
    private static void defJson(StringBuilder sb, ConfigDef def) {
        sb.append('[');
        boolean first = true;
        for (ConfigDef.ConfigKey k : def.configKeys().values()) {
            if (!first) sb.append(',');
            first = false;
            sb.append('{');
            field(sb, "name", k.name);
            sb.append(',');
            field(sb, "type", k.type.name());
            sb.append(',');
            field(sb, "has_default", k.hasDefault());
            sb.append(',');
            String d = null;
            if (k.hasDefault() && k.defaultValue != null) d = ConfigDef.convertToString(k.defaultValue, k.type);
            field(sb, "default", d);
            sb.append(',');
            field(sb, "internal", k.internalConfig);
            sb.append('}');
        }
        sb.append(']');
    }

    // ----------------------------------------------------------------- JSON

    private static void field(StringBuilder sb, String k, String v) {
        str(sb, k);
        sb.append(':');
        if (v == null) sb.append("null");
        else str(sb, v);
    }

    private static void field(StringBuilder sb, String k, boolean v) {
        str(sb, k);
        sb.append(':').append(v ? "true" : "false");
    }

    private static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}

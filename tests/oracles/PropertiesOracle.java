import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Oracle for honolint's .properties loader: the JDK's own Properties.load(InputStream).
 *
 * stdin: one file path per line. stdout, per file:
 *   FILE path
 *   ERROR exception-class message            (when load throws)
 *   P hex(key) hex(value)                    (otherwise, one per key, sorted by key)
 *   END
 * hex() writes every UTF-16 code unit as 4 lowercase hex digits ("" for the empty string), so
 * no char of a key or value can disturb the framing.
 */
public final class PropertiesOracle {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(String s) {
        StringBuilder b = new StringBuilder(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
             .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        String path;
        while ((path = in.readLine()) != null) {
            if (path.isEmpty()) {
                continue;
            }
            out.write("FILE " + path + "\n");
            Properties p = new Properties();
            try (InputStream s = new FileInputStream(path)) {
                p.load(s);
                List<String> keys = new ArrayList<>(p.stringPropertyNames());
                Collections.sort(keys); // String.compareTo: UTF-16 code unit order
                for (String k : keys) {
                    out.write("P " + hex(k) + " " + hex(p.getProperty(k)) + "\n");
                }
            } catch (Exception e) {
                String msg = String.valueOf(e.getMessage()).replace("\r", "\\r").replace("\n", "\\n");
                out.write("ERROR " + e.getClass().getName() + " " + msg + "\n");
            }
            out.write("END\n");
        }
        out.flush();
    }
}

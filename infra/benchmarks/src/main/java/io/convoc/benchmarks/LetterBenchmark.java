package io.convoc.benchmarks;

import com.openhtmltopdf.util.XRLog;
import io.convoc.core.letters.InvitationLetter;
import io.convoc.letters.LetterRenderer;
import io.convoc.letters.SampleLetters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Renders many invitation letters and prints a markdown table: warm milliseconds per letter (median, p99), KB
 * per letter, letters per second on two threads, and the same letters through openhtmltopdf.
 *
 * <p>Usage: {@code LetterBenchmark [letters]} (default 2000 measured letters, after as many for warm-up).
 */
public final class LetterBenchmark {
    private LetterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        XRLog.setLoggingEnabled(false); // openhtmltopdf logs every document at INFO
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int htmlCount = Math.max(100, count / 10);
        int threads = 2;

        long start = System.nanoTime();
        LetterRenderer renderer = LetterRenderer.shared();
        long fontsParsed = System.nanoTime();
        renderer.render(SampleLetters.presidentLetter());
        long firstLetter = System.nanoTime();

        // letters are built beforehand: only rendering is timed; invitees vary (names, civilities, workshops)
        List<InvitationLetter> letters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            letters.add(SampleLetters.variedLetter(i));
        }
        Function<InvitationLetter, byte[]> convoc = renderer::render;
        measure(convoc, letters); // warm-up
        Result ours = measure(convoc, letters);
        double oursPerSecond = throughput(convoc, letters, threads);

        OpenHtmlToPdfLetters html = new OpenHtmlToPdfLetters();
        List<InvitationLetter> htmlLetters = letters.subList(0, htmlCount);
        measure(html::render, letters.subList(0, Math.max(50, htmlCount / 2))); // warm-up
        Result theirs = measure(html::render, htmlLetters);
        double theirsPerSecond = throughput(html::render, htmlLetters, threads);

        System.out.println();
        System.out.printf(Locale.ROOT, "Letter benchmark on %d cores, Java %s (%s)%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "Cold start: fonts parsed in %.0f ms, first letter %.0f ms later%n%n",
                (fontsParsed - start) / 1e6, (firstLetter - fontsParsed) / 1e6);
        System.out.println("| renderer | letters | median ms | p99 ms | mean ms | KB per letter (mean / max) "
                + "| letters/s on " + threads + " threads |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("convoc-letters (PDFBox 3.0.8)", ours, oursPerSecond);
        row("openhtmltopdf 1.1.65 + rtl-support", theirs, theirsPerSecond);
        System.out.printf(Locale.ROOT, "%nopenhtmltopdf / convoc-letters: %.1f× the median time, %.1f× the size%n",
                theirs.median() / ours.median(), theirs.meanKb() / ours.meanKb());
    }

    private static void row(String name, Result r, double perSecond) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.1f / %.1f | %.0f |%n", name, r.count(),
                r.median(), r.p99(), r.mean(), r.meanKb(), r.maxKb(), perSecond);
    }

    private static Result measure(Function<InvitationLetter, byte[]> render, List<InvitationLetter> letters) {
        long[] nanos = new long[letters.size()];
        long bytes = 0;
        long max = 0;
        for (int i = 0; i < letters.size(); i++) {
            long t = System.nanoTime();
            byte[] pdf = render.apply(letters.get(i));
            nanos[i] = System.nanoTime() - t;
            bytes += pdf.length;
            max = Math.max(max, pdf.length);
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Result(letters.size(), nanos[nanos.length / 2] / 1e6,
                nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6, mean,
                bytes / 1024.0 / letters.size(), max / 1024.0);
    }

    /** Letters per second with {@code threads} threads rendering the letters between them. */
    private static double throughput(Function<InvitationLetter, byte[]> render, List<InvitationLetter> letters,
                                     int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int first = k;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < letters.size(); i += threads) {
                        render.apply(letters.get(i));
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            return letters.size() / ((System.nanoTime() - t) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Result(int count, double median, double p99, double mean, double meanKb, double maxKb) {
    }
}

package orderflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics over measured samples. */
final class Stats {

    private final List<Double> sorted;

    Stats(List<Double> samples) {
        this.sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
    }

    int n() {
        return sorted.size();
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted.get(0);
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String ms(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    /** "median (min-max)" in ms. */
    String summary() {
        return ms(median()) + " (" + ms(min()) + "-" + ms(max()) + ")";
    }
}

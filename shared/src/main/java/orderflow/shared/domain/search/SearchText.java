package orderflow.shared.domain.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How typed text and stored values are made comparable, one rule per kind, used both when an order's
 * terms are written and when a query is read, so the two always agree.
 */
public final class SearchText {

    /** Separates the value from the rest of a stored key; never part of a value. */
    public static final char SEPARATOR = '|';
    /** Longer values are cut: keys stay small and a value this long is never typed. */
    public static final int MAX_VALUE = 100;

    private SearchText() {
    }

    /**
     * Lower case without accents (é -> e, Ü -> u, ß -> ss): "Müller" is found by "muller" and "Müller",
     * whatever keyboard the seller has.
     */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replace("ß", "ss");
    }

    /** Order numbers and platform ids: "#1001", " 1001", "#1001 " are 1001; case and accents do not count. */
    public static String number(String text) {
        String s = clean(fold(text)).replaceAll("\\s+", "");
        while (s.startsWith("#")) {
            s = s.substring(1);
        }
        return cut(s);
    }

    /** The words of a name, folded, in order, each once: "Anne-Marie  O'Brien" -> anne, marie, o, brien. */
    public static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : fold(text).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(cut(w));
            }
        }
        return new ArrayList<>(words);
    }

    /** Emails compare without case (every mailbox provider in practice ignores it) and without spaces. */
    public static String email(String text) {
        return cut(clean(text).strip().toLowerCase(Locale.ROOT));
    }

    /**
     * SKUs are stored as the platform sent them and stock is keyed by the exact text; a search is kinder:
     * case and runs of spaces do not count ("mug blue #2" finds "MUG BLUE  #2").
     */
    public static String sku(String text) {
        return cut(clean(text).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }

    /** Tracking numbers as {@code TrackingNumbers} compares them: no spaces or dashes, upper case. */
    public static String tracking(String text) {
        return cut(clean(text).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
    }

    /** The rule of a kind, for a query that names one. */
    public static String normalise(SearchKind kind, String text) {
        return switch (kind) {
            case NUM -> number(text);
            case NAME -> String.join(" ", words(text));
            case EMAIL -> email(text);
            case SKU -> sku(text);
            case TRACK -> tracking(text);
        };
    }

    /** Control characters and the key separator never reach a key. */
    private static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}" + SEPARATOR + "]", "");
    }

    private static String cut(String s) {
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
    }
}

package net.ipmpd.agent.cli;

/**
 * A number with two decimals, exactly as {@code String.format(Locale.ROOT, "%.2f", v)} prints it:
 * the shortest decimal that reads back as {@code v} (Double.toString's digits) rounded half up, a
 * minus sign for any negative value (also one that rounds to 0.00, and -0.0). Without
 * java.util.Formatter: its first use in a JVM loads the locale providers and resource bundles,
 * about 9 ms of ipmpstat's start in the interpreter, to print FDT and RTT.
 */
final class TwoDecimals {
    private TwoDecimals() {
    }

    static String of(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        StringBuilder sb = new StringBuilder();
        if (Double.compare(v, 0.0) < 0) {
            sb.append('-');
            v = -v;
        }
        if (Double.isInfinite(v)) {
            return sb.append("Infinity").toString();
        }
        String text = Double.toString(v);   // d.ddd or d.dddE[-]n
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int integerDigits = dot + exponent;
        if (integerDigits < 1) {
            // 0.000ddd: leading zeros so that one integer digit stands before the point
            digits = "0".repeat(1 - integerDigits) + digits;
            integerDigits = 1;
        }
        int kept = integerDigits + 2;
        int[] d = new int[kept];
        for (int i = 0; i < kept; i++) {
            d[i] = digitAt(digits, i);
        }
        boolean carry = digitAt(digits, kept) >= 5;   // half up: only the first dropped digit counts
        for (int i = kept - 1; carry && i >= 0; i--) {
            d[i] = (d[i] + 1) % 10;
            carry = d[i] == 0;
        }
        if (carry) {
            sb.append('1');
        }
        int first = 0;
        while (first < integerDigits - 1 && d[first] == 0 && !carry) {
            first++;
        }
        for (int i = first; i < kept; i++) {
            if (i == integerDigits) {
                sb.append('.');
            }
            sb.append((char) ('0' + d[i]));
        }
        return sb.toString();
    }

    private static int digitAt(String digits, int i) {
        return i < digits.length() ? digits.charAt(i) - '0' : 0;
    }
}

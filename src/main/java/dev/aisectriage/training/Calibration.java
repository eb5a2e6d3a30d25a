package dev.aisectriage.training;

import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.Metrics;
import java.util.Arrays;

/** Platt scaling and the precision-oriented threshold. */
final class Calibration {

    private Calibration() {}

    /**
     * Fits {@code p = sigmoid(a * s + b)} with Platt's target smoothing, by Newton's method with backtracking line
     * search (Lin, Lin and Weng's robust version); returns {a, b}.
     */
    static double[] platt(double[] s, double[] y) {
        double pos = 0;
        for (double v : y) {
            pos += v;
        }
        double neg = y.length - pos;
        double[] t = plattTargets(y, pos, neg);
        // Parametrised as sigmoid(-(A s + B)) in the paper; here a = -A, b = -B.
        double[] abf = {0, Math.log((neg + 1) / (pos + 1)), 0};
        abf[2] = objective(s, t, abf[0], abf[1]);
        for (int iter = 0; iter < 100; iter++) {
            double[] step = newtonStep(s, t, abf[0], abf[1]);
            if (step == null || !lineSearch(s, t, abf, step)) {
                break;
            }
        }
        return new double[] {-abf[0], -abf[1]};
    }

    /** Platt's smoothed targets: (pos + 1) / (pos + 2) for a positive, 1 / (neg + 2) for a negative. */
    private static double[] plattTargets(double[] y, double pos, double neg) {
        double hi = (pos + 1) / (pos + 2);
        double lo = 1 / (neg + 2);
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = y[i] == 1 ? hi : lo;
        }
        return t;
    }

    /** The Newton direction {dA, dB, gradient along it} at (a, b), or null once the gradient vanishes. */
    private static double[] newtonStep(double[] s, double[] t, double a, double b) {
        double h11 = 1e-12;
        double h22 = 1e-12;
        double h21 = 0;
        double g1 = 0;
        double g2 = 0;
        for (int i = 0; i < s.length; i++) {
            double fApB = s[i] * a + b;
            double p;
            double q;
            if (fApB >= 0) {
                p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
                q = 1 / (1 + Math.exp(-fApB));
            } else {
                p = 1 / (1 + Math.exp(fApB));
                q = Math.exp(fApB) / (1 + Math.exp(fApB));
            }
            double d2 = p * q;
            h11 += s[i] * s[i] * d2;
            h22 += d2;
            h21 += s[i] * d2;
            double d1 = t[i] - p;
            g1 += s[i] * d1;
            g2 += d1;
        }
        if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
            return null;
        }
        double det = h11 * h22 - h21 * h21;
        double dA = -(h22 * g1 - h21 * g2) / det;
        double dB = -(-h21 * g1 + h11 * g2) / det;
        return new double[] {dA, dB, g1 * dA + g2 * dB};
    }

    /**
     * Backtracking line search along {@code step} from {@code abf} = {a, b, objective}: moves {@code abf} to the first
     * halving that decreases the objective enough (Armijo) and says whether it moved.
     */
    private static boolean lineSearch(double[] s, double[] t, double[] abf, double[] step) {
        double dA = step[0];
        double dB = step[1];
        double gd = step[2];
        double size = 1;
        while (size >= 1e-10) {
            double na = abf[0] + size * dA;
            double nb = abf[1] + size * dB;
            double nf = objective(s, t, na, nb);
            if (nf < abf[2] + 1e-4 * size * gd) {
                abf[0] = na;
                abf[1] = nb;
                abf[2] = nf;
                return true;
            }
            size /= 2;
        }
        return false;
    }

    /**
     * Two-input Platt scaling: fits {@code p = sigmoid(a * s + c * v + b)} by gradient descent with Newton steps on
     * Platt's smoothed targets; returns {a, c, b}. Starts from the one-input fit with c = 0.
     */
    static double[] logistic2(double[] s, double[] v, double[] y) {
        double[] ab = platt(s, y);
        double pos = 0;
        for (double t : y) {
            pos += t;
        }
        double neg = y.length - pos;
        double hi = (pos + 1) / (pos + 2);
        double lo = 1 / (neg + 2);
        double[] w = {ab[0], 0, ab[1]};
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[3];
            double[][] h = new double[3][3];
            for (int i = 0; i < s.length; i++) {
                double[] x = {s[i], v[i], 1};
                double p = LinearHead.sigmoid(w[0] * x[0] + w[1] * x[1] + w[2]);
                double d = p - (y[i] == 1 ? hi : lo);
                double q = Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < 3; a++) {
                    g[a] += d * x[a];
                    for (int b = 0; b < 3; b++) {
                        h[a][b] += q * x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < 3; a++) {
                h[a][a] += 1e-6;
            }
            double[] step = solve3(h, g);
            for (int a = 0; a < 3; a++) {
                w[a] -= step[a];
            }
            if (Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-8) {
                break;
            }
        }
        return w;
    }

    private static double[] solve3(double[][] m, double[] r) {
        double[][] a = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(m[i], 0, a[i], 0, 3);
            a[i][3] = r[i];
        }
        for (int c = 0; c < 3; c++) {
            int piv = c;
            for (int i = c + 1; i < 3; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) {
                    piv = i;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int i = 0; i < 3; i++) {
                if (i != c) {
                    double f = a[i][c] / a[c][c];
                    for (int j = c; j < 4; j++) {
                        a[i][j] -= f * a[c][j];
                    }
                }
            }
        }
        return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
    }

    private static double objective(double[] s, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < s.length; i++) {
            double fApB = s[i] * a + b;
            if (fApB >= 0) {
                f += t[i] * fApB + Math.log(1 + Math.exp(-fApB));
            } else {
                f += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
            }
        }
        return f;
    }

    /**
     * The threshold with the best MCC among those whose precision reaches {@code targetPrecision}; if none does, the
     * threshold with the best MCC. Candidate thresholds are midpoints between sorted probabilities.
     */
    static double thresholdForPrecision(double[] p, double[] y, double targetPrecision) {
        double bestT = 0.5;
        double bestMcc = -2;
        double bestAnyT = 0.5;
        double bestAnyMcc = -2;
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            double t = i == 0 ? sorted[0] : (sorted[i - 1] + sorted[i]) / 2;
            long tp = 0;
            long fp = 0;
            long tn = 0;
            long fn = 0;
            for (int j = 0; j < p.length; j++) {
                boolean pred = p[j] >= t;
                boolean truth = y[j] == 1;
                if (pred && truth) {
                    tp++;
                } else if (pred) {
                    fp++;
                } else if (truth) {
                    fn++;
                } else {
                    tn++;
                }
            }
            double mcc = Metrics.mcc(tp, fp, tn, fn);
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            if (mcc > bestAnyMcc) {
                bestAnyMcc = mcc;
                bestAnyT = t;
            }
            if (precision >= targetPrecision && mcc > bestMcc) {
                bestMcc = mcc;
                bestT = t;
            }
        }
        return bestMcc > -2 ? bestT : bestAnyT;
    }
}

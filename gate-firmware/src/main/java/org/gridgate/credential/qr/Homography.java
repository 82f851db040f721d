package org.gridgate.credential.qr;

/** The projective map taking four points to four others: how a tilted, turned phone screen lands on a sensor. */
public final class Homography {
    private Homography() {}

    /** The 3x3 matrix (row-major, h22 = 1) mapping each {@code from[i]} to {@code to[i]}. */
    public static double[] between(double[][] from, double[][] to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double u = to[i][0];
            double v = to[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        // Gauss-Jordan with partial pivoting on the 8x8 system.
        for (int c = 0; c < 8; c++) {
            int pivot = c;
            for (int row = c + 1; row < 8; row++) {
                if (Math.abs(a[row][c]) > Math.abs(a[pivot][c])) {
                    pivot = row;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            if (Math.abs(a[c][c]) < 1e-12) {
                throw new IllegalArgumentException("degenerate quadrilateral");
            }
            for (int row = 0; row < 8; row++) {
                if (row != c) {
                    double f = a[row][c] / a[c][c];
                    for (int k = c; k < 9; k++) {
                        a[row][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] h = new double[9];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1;
        return h;
    }

    public static void apply(double[] h, double x, double y, double[] out) {
        double w = h[6] * x + h[7] * y + h[8];
        out[0] = (h[0] * x + h[1] * y + h[2]) / w;
        out[1] = (h[3] * x + h[4] * y + h[5]) / w;
    }
}

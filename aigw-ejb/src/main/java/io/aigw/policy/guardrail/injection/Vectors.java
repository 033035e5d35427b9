package io.aigw.policy.guardrail.injection;

/** The vector arithmetic of the similarity: dot products and scaling to unit length. */
final class Vectors {

    private Vectors() {
    }

    /** The dot product over the common length of {@code a} and {@code b} (the cosine, for unit vectors). */
    static double dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code v} scaled to unit length; {@code v} itself when it is zero or already of unit length (within 1e-4). */
    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n == 0 || Math.abs(n - 1) < 1e-4) {
            return v;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }
}

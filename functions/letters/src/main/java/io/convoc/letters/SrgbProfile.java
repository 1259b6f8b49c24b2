package io.convoc.letters;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A small ICC version 4 sRGB display profile for the PDF/A output intent, built byte by byte: about 500 bytes
 * instead of the JDK's 6.9 KB (2.4 KB compressed), most of which are three copies of a 1024-point tone curve.
 *
 * <p>It describes the same colours as the JDK's sRGB profile: its colorants are copied from that profile (sRGB
 * primaries adapted to D50), and its one tone curve, shared by the three channels, is the sRGB function itself
 * (a parametric curve of type 3: gamma 2.4 with the linear segment below 0.04045) rather than a sampled table.
 * Version 4 keeps the D50 media white of the connection space and states the adaptation from D65 (Bradford)
 * in a {@code chad} tag. PDF 1.7, hence PDF/A-3, takes ICC profiles up to version 4.
 */
final class SrgbProfile {
    static final String DESCRIPTION = "sRGB IEC61966-2.1";

    // s15Fixed16 values
    private static final double[] D50 = {0.9642, 1.0, 0.8249};
    private static final double[] D65 = {0.9505, 1.0, 1.0890};

    private SrgbProfile() {
    }

    static byte[] build() {
        ICC_Profile jdk = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
        byte[] desc = mluc(DESCRIPTION);
        byte[] cprt = mluc("No copyright"); // required tag; every byte of the profile is in every letter
        byte[] wtpt = xyz(D50);
        byte[] chad = sf32(bradford(D65, D50));
        byte[] red = jdk.getData(ICC_Profile.icSigRedColorantTag);
        byte[] green = jdk.getData(ICC_Profile.icSigGreenColorantTag);
        byte[] blue = jdk.getData(ICC_Profile.icSigBlueColorantTag);
        byte[] trc = srgbCurve();

        String[] signatures = {"desc", "cprt", "wtpt", "chad", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
        byte[][] data = {desc, cprt, wtpt, chad, red, green, blue, trc, null, null}; // null: shares the previous
        int tableEnd = 128 + 4 + 12 * signatures.length;
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        int[] offsets = new int[signatures.length];
        int[] sizes = new int[signatures.length];
        for (int i = 0; i < signatures.length; i++) {
            if (data[i] == null) {
                offsets[i] = offsets[i - 1];
                sizes[i] = sizes[i - 1];
                continue;
            }
            offsets[i] = tableEnd + body.size();
            sizes[i] = data[i].length;
            body.writeBytes(data[i]);
            while (body.size() % 4 != 0) {
                body.write(0); // every tag starts on a four-byte boundary
            }
        }
        ByteBuffer profile = ByteBuffer.allocate(tableEnd + body.size());
        profile.putInt(profile.capacity());
        profile.putInt(0); // preferred CMM: none
        profile.putInt(0x04200000); // version 4.2 (ICC.1:2004-10, the one PDF 1.7 refers to)
        profile.put(ascii("mntrRGB XYZ "));
        // creation date: fixed, so that the bytes never depend on the clock
        for (int field : new int[] {2024, 1, 1, 0, 0, 0}) {
            profile.putShort((short) field);
        }
        profile.put(ascii("acsp"));
        profile.position(64);
        profile.putInt(0); // perceptual
        profile.put(xyzNumbers(D50)); // illuminant of the connection space
        profile.position(128);
        profile.putInt(signatures.length);
        for (int i = 0; i < signatures.length; i++) {
            profile.put(ascii(signatures[i]));
            profile.putInt(offsets[i]);
            profile.putInt(sizes[i]);
        }
        profile.put(body.toByteArray());
        byte[] bytes = profile.array();
        System.arraycopy(profileId(bytes), 0, bytes, 84, 16);
        return bytes;
    }

    /** The sRGB tone curve: Y = ((X + 0.055) / 1.055)^2.4 above 0.04045, X / 12.92 below. */
    private static byte[] srgbCurve() {
        ByteBuffer b = ByteBuffer.allocate(12 + 5 * 4);
        b.put(ascii("para")).putInt(0).putShort((short) 3).putShort((short) 0);
        for (double v : new double[] {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045}) {
            b.putInt(fixed(v));
        }
        return b.array();
    }

    /** A multi-localised Unicode text with one record, en-US. */
    private static byte[] mluc(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        ByteBuffer b = ByteBuffer.allocate(28 + utf16.length);
        b.put(ascii("mluc")).putInt(0).putInt(1).putInt(12);
        b.put(ascii("enUS")).putInt(utf16.length).putInt(28);
        b.put(utf16);
        return b.array();
    }

    private static byte[] xyz(double[] xyz) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put(ascii("XYZ ")).putInt(0).put(xyzNumbers(xyz));
        return b.array();
    }

    private static byte[] xyzNumbers(double[] xyz) {
        ByteBuffer b = ByteBuffer.allocate(12);
        for (double v : xyz) {
            b.putInt(fixed(v));
        }
        return b.array();
    }

    private static byte[] sf32(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * values.length);
        b.put(ascii("sf32")).putInt(0);
        for (double v : values) {
            b.putInt(fixed(v));
        }
        return b.array();
    }

    /** The Bradford chromatic adaptation from one white to another, row by row. */
    private static double[] bradford(double[] from, double[] to) {
        double[][] m = {{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
        double[][] inverse = {{0.9869929, -0.1470543, 0.1599627}, {0.4323053, 0.5183603, 0.0492912},
                {-0.0085287, 0.0400428, 0.9684867}};
        double[] s = multiply(m, from);
        double[] d = multiply(m, to);
        double[][] scaled = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                scaled[i][j] = d[i] / s[i] * m[i][j];
            }
        }
        double[] result = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += inverse[i][k] * scaled[k][j];
                }
                result[3 * i + j] = sum;
            }
        }
        return result;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
        }
        return r;
    }

    private static int fixed(double v) {
        return (int) Math.round(v * 65536);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** MD5 of the profile with its flags, rendering intent and identifier zeroed (ICC.1:2004-10, 7.2.18). */
    private static byte[] profileId(byte[] profile) {
        byte[] copy = profile.clone();
        Arrays.fill(copy, 44, 48, (byte) 0);
        Arrays.fill(copy, 64, 68, (byte) 0);
        Arrays.fill(copy, 84, 100, (byte) 0);
        try {
            return MessageDigest.getInstance("MD5").digest(copy);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.gridgate.sim.devices.camera;

import org.gridgate.credential.qr.GreyImage;
import org.gridgate.credential.qr.QrDecoder;

/** Which passes read which corpus picture: {@code -Dgridgate.diagnose=CLASS:seed,CLASS:seed}. Not a test. */
final class CorpusDiagnose {
    public static void main(String[] args) {
        for (String spec : args) {
            String[] p = spec.split(":");
            Degradation d = Degradation.valueOf(p[0]);
            long seed = Long.parseLong(p[1]);
            String text = HardCorpusTest.passText(d, seed);
            GreyImage img = GreyImage.of(PhoneScreens.picture(text, d, seed));
            QrDecoder q = new QrDecoder();
            StringBuilder s = new StringBuilder(spec + ":");
            for (String pass : q.passNames(img)) {
                var r = q.decodeWith(img, pass);
                s.append(' ').append(pass).append(r.isPresent() ? (r.get().text().equals(text) ? "+" : "?") : "-");
            }
            System.out.println(s);
        }
    }
}

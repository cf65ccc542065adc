package orderflow.local.carriers;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Printable 4x6 inch test labels: a real PDF, ZPL or PNG carrying the tracking number as text. */
final class Labels {

    private Labels() {
    }

    static byte[] pdf(String carrier, String service, String trackingCode) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(4 * 72, 6 * 72));
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 16);
                text.newLineAtOffset(18, 6 * 72 - 36);
                text.showText(carrier + " " + service);
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(0, -40);
                text.showText("TRACKING #: " + trackingCode);
                text.newLineAtOffset(0, -20);
                text.showText("TEST LABEL - NOT FOR SHIPPING");
                text.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zpl(String carrier, String service, String trackingCode) {
        return ("^XA^PW812^LL1218^FO40,40^A0N,40,40^FD" + carrier + " " + service + "^FS"
                + "^FO40,120^A0N,30,30^FDTRACKING #: " + trackingCode + "^FS"
                + "^FO40,180^BCN,120,Y,N,N^FD" + trackingCode + "^FS^XZ\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] png(String carrier, String service, String trackingCode) {
        BufferedImage image = new BufferedImage(400, 600, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 600);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(carrier + " " + service, 20, 40);
        g.drawString("TRACKING #: " + trackingCode, 20, 90);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

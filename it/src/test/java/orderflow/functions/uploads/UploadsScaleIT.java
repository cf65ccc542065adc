package orderflow.functions.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import orderflow.it.Fixtures;
import orderflow.shared.domain.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The proof at full size, run on demand (UPLOADS_SCALE_ROWS=10000): a shipping file of that
 * many rows, 50 of them bad, on the local stack; prints the timings recorded in bench/RESULTS-uploads.md.
 * UploadsIT checks the same behaviour exactly on a small file in every build.
 */
@EnabledIfEnvironmentVariable(named = "UPLOADS_SCALE_ROWS", matches = "[0-9]+")
class UploadsScaleIT extends UploadsIT {

    @Test
    void ten_thousand_rows_with_fifty_bad_ones_make_one_shipment_per_good_row_and_none_twice() throws Exception {
        int rows = Integer.parseInt(System.getenv("UPLOADS_SCALE_ROWS"));
        int badRows = 50;
        long t0 = System.nanoTime();
        List<Order> orders = orders(rows - badRows);
        long made = System.nanoTime();
        StringBuilder file = new StringBuilder("order-id\tquantity\tship-date\tcarrier-code\tcarrier-name"
                + "\ttracking-number\tship-method\n");
        for (int i = 0; i < orders.size(); i++) {
            // a bad row every 199: an order that does not exist, in the middle of the good ones
            if (i % 199 == 0 && i / 199 < badRows) {
                file.append("999-0000000-").append(String.format("%07d", i)).append("\t\t").append(today)
                        .append("\tOther\tEvri\tBAD").append(i).append("\tStandard\n");
            }
            file.append(orders.get(i).externalOrderId()).append("\t\t").append(today).append("\tOther\tEvri\tSC")
                    .append(i).append("\tStandard\n");
        }
        Fixtures.drain(cloud().sqs, cloud().ref("EmailQueue"));
        long t1 = System.nanoTime();
        Map<String, Object> first = uploadAndProcess("shipping-confirmations", "scale.txt", file.toString(),
                ProcessUploadHandler.RESERVE_MILLIS);
        long t2 = System.nanoTime();
        assertEquals("DONE", first.get("status"));
        assertEquals(rows, first.get("rowsTotal"));
        assertEquals(rows - badRows, first.get("accepted"));
        assertEquals(badRows, first.get("rejected"));
        assertEquals(rows - badRows, Fixtures.drain(cloud().sqs, cloud().ref("EmailQueue")).size());
        Map<String, Object> again = uploadAndProcess("shipping-confirmations", "scale.txt", file.toString(),
                ProcessUploadHandler.RESERVE_MILLIS);
        long t3 = System.nanoTime();
        assertEquals(0, again.get("accepted"));
        assertEquals(rows - badRows, again.get("unchanged"));
        assertEquals(List.of(), Fixtures.drain(cloud().sqs, cloud().ref("EmailQueue")));
        System.out.printf("UPLOADS-SCALE rows=%d orders-made-ms=%d first-upload-ms=%d re-upload-ms=%d%n", rows,
                (made - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    private orderflow.it.TestCloud cloud() {
        return orderflow.it.TestCloud.get();
    }
}

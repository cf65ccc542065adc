package orderflow.bench;

/**
 * The cold-start floor: a fresh JVM that builds the same SDK clients a function builds (same
 * HTTP client, region and credentials chain) and makes one call with each, then says FLOOR_DONE.
 * Runs on the function's own jar, so the SDK classes are the function's.
 * Arguments: the clients (dynamodb, sqs, sesv2); env FLOOR_TABLE, FLOOR_KEY, FLOOR_QUEUE_URL,
 * FLOOR_SENDER, FLOOR_HOLD.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            FloorClients.callEach(args); // apart: a jar without the SDK (the dashboard's) never loads it
        }
        System.out.println("FLOOR_DONE");
        System.out.flush();
        if ("1".equals(System.getenv("FLOOR_HOLD"))) {
            try {
                Thread.sleep(60_000); // stay alive while the bench reads this process's CPU time and peak RSS
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

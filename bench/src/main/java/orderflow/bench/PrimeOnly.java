package orderflow.bench;

/**
 * A training run that does what SnapStart does before its snapshot and nothing more: build the
 * handler with its no-argument constructor and run its priming (offline clients, no request). An
 * AOT cache written by this JVM stands in for the primed snapshot. Reflection only, so this jar
 * links against no project class. Argument: the handler class.
 */
public final class PrimeOnly {

    private PrimeOnly() {
    }

    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        handler.getClass().getMethod("prime").invoke(handler);
        System.out.println("PRIMED");
    }
}

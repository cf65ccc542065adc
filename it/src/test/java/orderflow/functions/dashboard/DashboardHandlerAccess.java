package orderflow.functions.dashboard;

/** Builds the dashboard handler as Lambda does, minus the SnapStart registration. */
public final class DashboardHandlerAccess {

    private DashboardHandlerAccess() {
    }

    public static DashboardHandler create() {
        return new DashboardHandler(new StaticFiles(DashboardHandler.class.getClassLoader(), "web"));
    }
}

package orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak RSS of a live child process, from Linux /proc. */
final class ProcessProbe {

    /** USER_HZ: /proc/PID/stat counts CPU time in ticks of 10 ms on Linux. */
    private static final double MS_PER_TICK = 10.0;

    private ProcessProbe() {
    }

    /** utime + stime of all the process's threads, in ms. */
    static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK; // fields 14 and 15
    }

    /** VmHWM: the peak resident set size, in MiB. */
    static double peakRssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM for " + pid);
    }
}

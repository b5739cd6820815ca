package io.snapgpu.shell;

/** A command that could not start or exited with a code its caller does not accept. */
public class CommandFailedException extends RuntimeException {
    private final String command;
    private final int exitCode;
    private final String outputTail;

    public CommandFailedException(String command, int exitCode, String outputTail, Throwable cause) {
        super(message(command, exitCode, outputTail), cause);
        this.command = command;
        this.exitCode = exitCode;
        this.outputTail = outputTail;
    }

    public CommandFailedException(String command, int exitCode, String outputTail) {
        this(command, exitCode, outputTail, null);
    }

    protected CommandFailedException(String message, String command, Throwable cause) {
        super(message, cause);
        this.command = command;
        this.exitCode = -1;
        this.outputTail = null;
    }

    /**
     * The command was started but how it ended is unknown, e.g. the connection to the instance was
     * lost before it reported an exit status. {@link #exitCode()} is -1.
     */
    public static CommandFailedException outcomeUnknown(String command, String reason, Throwable cause) {
        return new CommandFailedException("`" + command + "` did not report how it ended: " + reason, command, cause);
    }

    private static String message(String command, int exitCode, String tail) {
        String what = exitCode < 0 ? "could not start" : "exited with code " + exitCode;
        return "`" + command + "` " + what + (tail == null || tail.isBlank() ? "" : ": " + tail.strip());
    }

    /**
     * What a person may be shown: the program's name (not its path or arguments, which name the control
     * plane's directories), how it ended, and its last output. Other failures as their message.
     */
    public static String forPeople(Throwable e) {
        if (e instanceof CommandFailedException c && c.exitCode >= 0 && c.command != null) {
            String first = c.command.strip().split("\\s+", 2)[0];
            String program = first.substring(first.lastIndexOf('/') + 1);
            return program + " exited with code " + c.exitCode
                    + (c.outputTail == null || c.outputTail.isBlank() ? "" : ": " + c.outputTail.strip());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public String command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public String outputTail() {
        return outputTail;
    }
}

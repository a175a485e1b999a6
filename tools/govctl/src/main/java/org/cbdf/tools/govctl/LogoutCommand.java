package org.cbdf.tools.govctl;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Forget the cached token.")
class LogoutCommand implements Callable<Integer> {

    @ParentCommand
    Govctl govctl;

    @Override
    public Integer call() {
        govctl.tokens().delete();
        govctl.out().println("Logged out.");
        return ExitCodes.OK;
    }
}

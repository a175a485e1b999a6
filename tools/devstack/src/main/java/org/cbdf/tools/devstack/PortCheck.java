package org.cbdf.tools.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

/** Finds out up front whether the ports the stack is about to bind are free, so a clash names its port. */
public final class PortCheck {

	private PortCheck() {
	}

	/** True when nothing listens on {@code 127.0.0.1:port} (nor on the wildcard address). */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port the operating system considers free right now, for tests that must not clash with a running stack. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port on the loopback interface", ex);
		}
	}

	/**
	 * @param portsByOwner e.g. {@code "kafka" -> 9092}
	 * @return the first taken port's owner and number, empty when all are free
	 */
	static Optional<Map.Entry<String, Integer>> firstTaken(Map<String, Integer> portsByOwner) {
		return portsByOwner.entrySet().stream().filter((entry) -> !isFree(entry.getValue())).findFirst();
	}

}

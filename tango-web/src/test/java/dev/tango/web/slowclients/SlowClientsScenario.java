package dev.tango.web.slowclients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The services' slow-client scenario: up to 1,000 connections send a request head, then
 * one body byte every two seconds; most carry credentials, one in twenty does not. While
 * they are held, closed-loop valid clients are timed against the same clients measured
 * just before without the slow ones. The service's read timeouts must be set past the
 * scenario (its deadline is tested on its own).
 *
 * @param valid the valid clients' request, credentials included
 * @param head the slow requests' head without credentials and without its final blank
 * line, ending in CRLF
 * @param credentials the header that the slow clients with credentials add to the head
 * (without CRLF)
 */
public record SlowClientsScenario(HttpRequest valid, String head, String credentials) {

	/** The slow connections wanted; fewer where the limit on open files is lower. */
	private static final int WANTED = 1000;

	/** The fewest slow connections a run must hold to mean anything. */
	private static final int FEWEST = 200;

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	/** Until every head is read and every slow body is being read. */
	private static final Duration SETTLE = Duration.ofSeconds(8);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Runs the scenario against a service whose both ends of every connection are in this
	 * process.
	 * @param address the service
	 * @return what was measured
	 * @throws IOException if the slow connections cannot be opened
	 * @throws InterruptedException if interrupted
	 */
	public Outcome run(InetSocketAddress address) throws IOException, InterruptedException {
		int connections = SlowClientLoad.affordable(WANTED, 2);
		ValidClients.measure(this.valid, 50, 4, TIMEOUT);
		ValidClients.Result idle = ValidClients.measure(this.valid, 200, 4, TIMEOUT);
		int without = connections / 20;
		try (SlowClientLoad refused = SlowClientLoad.start(address, this.head, without, INTERVAL);
				SlowClientLoad held = SlowClientLoad.start(address, this.head + this.credentials, connections - without,
						INTERVAL)) {
			Thread.sleep(SETTLE);
			ValidClients.Result loaded = ValidClients.measure(this.valid, 200, 4, TIMEOUT);
			return new Outcome(connections, without, idle, loaded, held.stats(), refused.stats());
		}
	}

	/**
	 * What a run measured.
	 *
	 * @param connections the slow connections opened
	 * @param withoutCredentials how many of them had no credentials
	 * @param idle the valid clients before the slow connections
	 * @param loaded the valid clients while the slow connections were held
	 * @param held the slow connections with credentials, when the valid clients were done
	 * @param refused the slow connections without credentials, at the same moment
	 */
	public record Outcome(int connections, int withoutCredentials, ValidClients.Result idle, ValidClients.Result loaded,
			SlowClientLoad.Stats held, SlowClientLoad.Stats refused) {

		/**
		 * Returns the expectations this run did not meet: at least 200 slow connections;
		 * every one with credentials still held; no valid request failed; their p99 under
		 * one second plus the idle p99 (the target is 1 s on a host with nothing else to
		 * do, and the idle p99 keeps other processes' work from counting against the
		 * service); every slow connection without credentials refused from its headers
		 * and closed by the server well before its body would end (a drained body would
		 * hold it past the run).
		 * @return one line per unmet expectation; empty if all were met
		 */
		public List<String> unmet() {
			List<String> unmet = new ArrayList<>();
			if (this.connections < FEWEST) {
				unmet.add("only " + this.connections + " slow connections: the limit on open files is too low");
			}
			if (this.held.open() != this.connections - this.withoutCredentials) {
				unmet.add("slow connections with credentials held: " + this.held.open() + " of "
						+ (this.connections - this.withoutCredentials));
			}
			if (this.loaded.errors() != 0) {
				unmet.add(this.loaded.errors() + " valid requests failed");
			}
			Duration bound = Duration.ofSeconds(1).plus(this.idle.latencies().p99());
			if (this.loaded.latencies().p99().compareTo(bound) >= 0) {
				unmet.add("valid p99 " + this.loaded.latencies().p99() + " is not under " + bound);
			}
			if (this.refused.closedByServer() != this.withoutCredentials) {
				unmet.add("slow connections without credentials closed by the server: " + this.refused.closedByServer()
						+ " of " + this.withoutCredentials);
			}
			if (this.refused.lifetimes().max().compareTo(Duration.ofSeconds(30)) >= 0) {
				unmet.add("a refused slow connection lived " + this.refused.lifetimes().max());
			}
			return unmet;
		}

		@Override
		public String toString() {
			return "slow connections " + this.connections + " (" + this.withoutCredentials
					+ " without credentials); valid clients idle " + this.idle.latencies() + ", loaded "
					+ this.loaded.latencies() + " with " + this.loaded.errors() + " errors; held " + this.held
					+ "; refused " + this.refused;
		}

	}

}

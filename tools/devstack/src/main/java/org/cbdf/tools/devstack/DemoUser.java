package org.cbdf.tools.devstack;

import java.util.List;

/**
 * A user of the {@code governance} realm's demo data (platform-keycloak's realm export), shown when the
 * stack is up. All have the password {@link #PASSWORD}.
 */
record DemoUser(String username, String role, String organization, String jurisdiction) {

	static final String PASSWORD = "demo";

	static final List<DemoUser> ALL = List.of(
			new DemoUser("enterprise-cn", "ENTERPRISE", "acme-cn", "CN"),
			new DemoUser("enterprise-de", "ENTERPRISE", "acme-de", "DE"),
			new DemoUser("regulator-cn", "REGULATOR", "cac", "CN"),
			new DemoUser("regulator-de", "REGULATOR", "bfdi", "DE"),
			new DemoUser("regulator-sg", "REGULATOR", "pdpc", "SG"),
			new DemoUser("regulator-fr", "REGULATOR", "cnil", "FR"),
			new DemoUser("regulator-jp", "REGULATOR", "ppc", "JP"),
			new DemoUser("regulator-gb", "REGULATOR", "ico", "GB"),
			new DemoUser("regulator-in", "REGULATOR", "dpbi", "IN"),
			new DemoUser("regulator-br", "REGULATOR", "anpd", "BR"),
			new DemoUser("regulator-us", "REGULATOR", "ftc", "US"),
			new DemoUser("auditor", "AUDITOR", "-", "-"),
			new DemoUser("policy-admin", "POLICY_ADMIN", "-", "-"));

}

package io.skyport.accounts;

/** A user's role inside their organisation. */
public enum MemberRole {

	/** Manages the organisation and its members. */
	OWNER,
	/** Works in the organisation. */
	MEMBER;

	public String authority() {
		return "ROLE_ORG_" + name();
	}
}

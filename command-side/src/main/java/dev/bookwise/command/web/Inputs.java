package dev.bookwise.command.web;

/** Patterns for text that goes into events and from there into PostgreSQL, which cannot store NUL. */
public final class Inputs {

    /** Names and addresses: no control characters at all. */
    public static final String PRINTABLE = "[^\\p{Cntrl}]*";
    /** Free text such as reasons: line breaks are fine, NUL is not. */
    public static final String NO_NUL = "[^\\x00]*";

    private Inputs() {}
}

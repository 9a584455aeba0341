package dev.bookwise.errors;

/** A broken rule or bad input, carrying the contract's problem code; never a server fault. */
public class BookwiseException extends RuntimeException {

    private final ErrorCode code;

    public BookwiseException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}

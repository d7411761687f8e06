package io.ringmaster.module.api;

/**
 * An expression or template could not be evaluated; the message says what, where and how to fix it.
 */
public class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }
}

package vn.clinicterm.card;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of parsing one file read from a chip: its content, or the statement that it is malformed. A malformed
 * file is an outcome (a broken or hostile card), not a malfunction, so it is a value and never an exception.
 */
public sealed interface Parsed<T> {

    /** The file parsed. */
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The file could not be parsed.
     *
     * @param fileId the file, e.g. {@code "DG13"}, {@code "SOD"}, {@code "COM"}
     * @param reason plain English, safe to log: never personal data from the file
     */
    record Malformed<T>(String fileId, String reason) implements Parsed<T> {
        public Malformed {
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value, or empty when malformed. */
    default Optional<T> toOptional() {
        return switch (this) {
            case Ok<T> ok -> Optional.of(ok.value());
            case Malformed<T> malformed -> Optional.empty();
        };
    }

    /**
     * The value.
     *
     * @throws IllegalStateException when malformed, with the file id and reason as message
     */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Malformed<T> malformed ->
                    throw new IllegalStateException(malformed.fileId() + " is malformed: " + malformed.reason());
        };
    }

    /** Applies {@code mapper} to a value; a malformed outcome stays malformed (same file id and reason). */
    default <R> Parsed<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(mapper.apply(ok.value()));
            case Malformed<T> malformed -> new Malformed<>(malformed.fileId(), malformed.reason());
        };
    }
}

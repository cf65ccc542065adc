package orderflow.shared.domain;

public record Buyer(String name, String email) {
}

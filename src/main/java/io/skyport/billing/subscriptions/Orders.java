package io.skyport.billing.subscriptions;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

/** Append-only: an order is saved once. */
interface Orders extends Repository<Order, UUID> {

	Order save(Order order);

	Optional<Order> findById(UUID id);
}

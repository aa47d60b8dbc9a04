package dev.bellwether.sample.hedging.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The API's own problems, answered as RFC 9457 problem details.
 */
final class Problems {

	private Problems() {
	}

	static ErrorResponseException unknownPair(String pair, HttpStatus status) {
		return problem(status, "Unknown currency pair", "No rate for '" + pair + "'; GET /api/rates lists the pairs");
	}

	static ErrorResponseException unknownCustomer(String customer, HttpStatus status) {
		return problem(status, "Unknown customer", "No payment terms for customer '" + customer + "'");
	}

	static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}

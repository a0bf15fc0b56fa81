package io.skyport.catalog;

import java.util.List;

/**
 * A catalog import file with problems: nothing of it was saved. Answered with 422 and the list of problems.
 */
class CatalogImportRejected extends RuntimeException {

	private final List<ImportProblem> problems;

	CatalogImportRejected(List<ImportProblem> problems) {
		super(problems.size() == 1 ? problems.getFirst().message() : problems.size() + " problems in the import file");
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("A rejected import needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	List<ImportProblem> problems() {
		return problems;
	}
}

package dev.tango.admin.bulk;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.dataset.Datasets;
import dev.tango.runtime.bulk.BulkInput;
import dev.tango.runtime.data.DatasetRow;
import dev.tango.runtime.data.InputRow;

/**
 * A stored data set as the input of a bulk run: its rows in file order, read a page at a
 * time; its digest is the uploaded file's.
 *
 * @param datasets where the rows are read from
 * @param dataset the data set
 */
record DatasetInput(Datasets datasets, Dataset dataset) implements BulkInput {

	private static final int PAGE = 1000;

	@Override
	public String description() {
		return "data set " + this.dataset.id() + " ('" + this.dataset.name() + "')";
	}

	@Override
	public Survey survey() {
		return new Survey(this.dataset.sha256(), this.dataset.rowCount(), null);
	}

	@Override
	public Cursor open() {
		return new Cursor() {

			private final Deque<DatasetRow> page = new ArrayDeque<>();

			private int read;

			private boolean exhausted;

			@Override
			public @Nullable InputRow next() {
				if (this.page.isEmpty() && !this.exhausted) {
					this.page.addAll(DatasetInput.this.datasets.rows(DatasetInput.this.dataset.id(), this.read, PAGE));
					this.exhausted = this.page.size() < PAGE;
				}
				DatasetRow row = this.page.poll();
				if (row == null) {
					return null;
				}
				this.read++;
				return new InputRow(this.read, row.line(), row.input(), null);
			}

			@Override
			public void close() {
				this.page.clear();
			}

		};
	}

}

import { ref, watch } from 'vue';
import { AppError } from '@shared/errors';

/**
 * Turns a VALIDATION or CONFLICT error into messages under the fields it names. Given the form's
 * values, a field's message goes as soon as that field changes, so a corrected field stops
 * saying it is wrong.
 */
export function useFieldErrors(values?: () => Record<string, unknown>) {
  const fieldErrors = ref<Record<string, string>>({});
  const formError = ref('');
  /** The value each erroneous field had when the error came, by its top-level name. */
  let refused = new Map<string, string>();

  function clear() {
    fieldErrors.value = {};
    formError.value = '';
    refused = new Map();
  }

  const topOf = (field: string) => field.split('.')[0]!;
  const valueOf = (name: string) => JSON.stringify(values?.()[name] ?? null);

  function show(error: unknown) {
    clear();
    if (error instanceof AppError) {
      for (const field of error.fields ?? []) {
        fieldErrors.value[field.field] = field.message;
        refused.set(topOf(field.field), valueOf(topOf(field.field)));
      }
      if (!error.fields?.length) formError.value = error.message;
    } else {
      formError.value = 'Something went wrong';
    }
  }

  if (values) {
    watch(
      values,
      () => {
        for (const [name, was] of refused) {
          if (valueOf(name) === was) continue;
          refused.delete(name);
          fieldErrors.value = Object.fromEntries(
            Object.entries(fieldErrors.value).filter(([field]) => topOf(field) !== name),
          );
        }
      },
      { deep: true },
    );
  }

  /** For `:error-messages`: the message of one field, if any. */
  const of = (field: string): string[] => (fieldErrors.value[field] ? [fieldErrors.value[field]!] : []);

  return { fieldErrors, formError, clear, show, of };
}

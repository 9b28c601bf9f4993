import { ref } from 'vue';
import { AppError } from '@shared/errors';

/** Turns a VALIDATION or CONFLICT error into messages under the fields it names. */
export function useFieldErrors() {
  const fieldErrors = ref<Record<string, string>>({});
  const formError = ref('');

  function clear() {
    fieldErrors.value = {};
    formError.value = '';
  }

  function show(error: unknown) {
    clear();
    if (error instanceof AppError) {
      for (const field of error.fields ?? []) fieldErrors.value[field.field] = field.message;
      if (!error.fields?.length) formError.value = error.message;
    } else {
      formError.value = 'Something went wrong';
    }
  }

  /** For `:error-messages`: the message of one field, if any. */
  const of = (field: string): string[] => (fieldErrors.value[field] ? [fieldErrors.value[field]!] : []);

  return { fieldErrors, formError, clear, show, of };
}

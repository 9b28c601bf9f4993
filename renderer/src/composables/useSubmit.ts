import { ref } from 'vue';
import { useFieldErrors } from './useFieldErrors';

/**
 * What every form does on submit: show it is busy, clear old errors, run the work, put a refusal
 * under the fields it names (each cleared when its field changes, given the form's `values`), and
 * be ready again. `run` resolves to undefined when refused.
 */
export function useSubmit(values?: () => Record<string, unknown>) {
  const busy = ref(false);
  const errors = useFieldErrors(values);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    errors.clear();
    try {
      return await work();
    } catch (error) {
      errors.show(error);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, errors, run };
}

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MemberDto, RoleDto } from '@shared/types/people';
import { call } from '@/api/client';

/** Members and roles as last read; refreshed on `people.changed` from any window. */
export const usePeopleStore = defineStore('people', () => {
  const members = ref<MemberDto[]>([]);
  const roles = ref<RoleDto[]>([]);
  const loadingMembers = ref(false);
  const loadingRoles = ref(false);

  async function loadMembers() {
    loadingMembers.value = true;
    try {
      members.value = await call('members.list', {});
    } finally {
      loadingMembers.value = false;
    }
  }

  async function loadRoles() {
    loadingRoles.value = true;
    try {
      roles.value = await call('roles.list', {});
    } finally {
      loadingRoles.value = false;
    }
  }

  return { members, roles, loadingMembers, loadingRoles, loadMembers, loadRoles };
});

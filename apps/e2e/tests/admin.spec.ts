import { expect, expectNoAxeViolations, open, runId, signIn, test } from './support/app';

const admin = {
  username: 'admin',
  password: 'parvis-admin',
  locale: 'fr' as const,
  displayName: 'Camille (admin)',
};

test.describe('administration', () => {
  test.use({ locale: 'fr-FR' });

  test('an admin creates and edits a category and changes a member’s role, by keyboard-friendly forms', async ({
    page,
  }) => {
    await signIn(page, admin);
    await page.getByRole('banner').getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    await expectNoAxeViolations(page);

    const name = `Tutoriels ${runId()}`;
    await page.getByRole('button', { name: 'Nouvelle catégorie' }).click();
    await page.locator('#category-new-name').fill(name);
    await page.locator('#category-new-description').fill('Pas à pas, par la communauté.');
    await page.getByRole('button', { name: 'Créer la catégorie' }).click();
    await expect(page.getByRole('status')).toContainText(`Catégorie ${name} créée.`);
    const item = page.locator('li.admin-item', { has: page.getByRole('link', { name }) });
    await expect(item).toBeVisible();

    // Hide it from members: only moderators may read it now.
    await item.getByRole('button', { name: `Modifier ${name}` }).click();
    await item.getByLabel('Qui peut lire').selectOption({ label: 'Modérateurs' });
    await expectNoAxeViolations(page);
    await item.getByRole('button', { name: 'Enregistrer la catégorie' }).click();
    await expect(item).toContainText('lecture : Modérateurs');

    // A name already taken is refused with the field marked, and what was typed stays.
    await page.getByRole('button', { name: 'Nouvelle catégorie' }).click();
    await page.locator('#category-new-name').fill(name);
    await page.getByRole('button', { name: 'Créer la catégorie' }).click();
    await expect(page.locator('#category-new-slug')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#category-new-name')).toHaveValue(name);

    // Promote Tom to moderator, then back.
    await page.getByRole('searchbox', { name: 'Trouver un membre' }).fill('tom');
    await page
      .getByRole('search', { name: 'Trouver un membre' })
      .getByRole('button', { name: 'Filtrer' })
      .click();
    await expect(page).toHaveURL(/q=tom/);
    const role = page.getByRole('combobox', { name: 'Rôle de Tom Becker' });
    await role.selectOption({ label: 'Modérateur' });
    await page.getByRole('button', { name: 'Enregistrer le rôle de Tom Becker' }).click();
    await expect(page.getByRole('status')).toContainText('Tom Becker est maintenant Modérateur.');
    await open(page, '/admin?role=moderator');
    await expect(page.getByRole('row', { name: /Tom Becker/ })).toBeVisible();
    await page.getByRole('combobox', { name: 'Rôle de Tom Becker' }).selectOption({ label: 'Membre' });
    await page.getByRole('button', { name: 'Enregistrer le rôle de Tom Becker' }).click();
    await expect(page.getByRole('status')).toContainText('Tom Becker est maintenant Membre.');
  });

  test.describe('as a member', () => {
    test.use({ account: 'hugo' });

    test('the admin page is refused and not linked', async ({ page }) => {
      const response = await page.goto('/admin');
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('banner').getByRole('link', { name: 'Administration' })).toHaveCount(0);
    });
  });
});

import type { Queryable } from '@parvis/db';
import type { DemoCommunity } from '@parvis/plugin-sdk';
import { type FaqImportItem, importFaqArticles } from './import';
import { castVote } from './votes';

const french: Omit<FaqImportItem, 'locale'>[] = [
  {
    question: 'Comment exporter mes factures en PDF ?',
    answer:
      'Dans **Facturation → Historique**, cochez les factures voulues puis choisissez *Télécharger (PDF groupé)*. Vous recevez une archive ZIP avec un PDF par facture.\n\nPour toute l’année, filtrez d’abord sur la période, puis cochez *Tout sélectionner*.',
    tags: ['factures', 'export', 'pdf'],
  },
  {
    question: 'Puis-je exporter mes données en CSV ou Excel ?',
    answer:
      'Oui. Chaque liste (factures, clients, rendez-vous) propose **Exporter → CSV**. Le fichier s’ouvre directement dans Excel ou LibreOffice ; choisissez l’encodage *UTF-8* si les accents s’affichent mal.',
    tags: ['export', 'csv', 'excel'],
  },
  {
    question: 'Je ne reçois pas l’e-mail de réinitialisation du mot de passe',
    answer:
      '1. Vérifiez que l’adresse de votre compte est bien celle que vous consultez.\n2. Regardez dans les indésirables et, en entreprise, dans la quarantaine de votre filtre.\n3. Ajoutez *no-reply@parvis.example* à vos contacts, puis redemandez le lien.\n\nLe lien reste valable une heure.',
    tags: ['compte', 'mot de passe', 'e-mail'],
  },
  {
    question: 'Comment changer l’adresse e-mail de mon compte ?',
    answer:
      'Ouvrez **Paramètres → Compte → Adresse e-mail**, saisissez la nouvelle adresse et confirmez avec votre mot de passe. Un lien de confirmation est envoyé à la nouvelle adresse ; l’ancienne reste active jusqu’au clic.',
    tags: ['compte', 'e-mail'],
  },
  {
    question: 'Comment modifier les coordonnées qui apparaissent sur mes factures ?',
    answer:
      'Dans **Facturation → Paramètres de facturation**, modifiez la raison sociale, l’adresse et le numéro de TVA. Les nouvelles coordonnées s’appliquent aux factures suivantes ; les factures déjà émises ne changent pas.',
    tags: ['factures', 'tva'],
  },
  {
    question: 'Comment synchroniser mon calendrier avec Outlook ou Google Agenda ?',
    answer:
      'Dans **Agenda → Partager**, copiez l’adresse iCal et ajoutez-la comme calendrier abonné dans Outlook ou Google Agenda. La synchronisation va dans un sens (de Parvis vers votre agenda) et se met à jour toutes les heures environ.',
    tags: ['agenda', 'outlook', 'synchronisation'],
  },
  {
    question: 'Comment supprimer mon compte ?',
    answer:
      'Dans **Paramètres → Compte → Supprimer le compte**. Exportez d’abord vos factures si vous en avez besoin : après suppression, vos données sont effacées sous 30 jours et ne peuvent plus être récupérées.',
    tags: ['compte', 'rgpd'],
  },
  {
    question: 'Comment inviter des collègues dans mon espace ?',
    answer:
      'Ouvrez **Paramètres → Équipe → Inviter** et collez une ou plusieurs adresses e-mail. Chaque personne reçoit un lien valable 7 jours ; vous pouvez le renvoyer depuis la même page.',
    tags: ['équipe', 'invitation'],
  },
];

const english: Omit<FaqImportItem, 'locale'>[] = [
  {
    question: 'How do I export my invoices as PDF?',
    answer:
      'Go to **Billing → History**, tick the invoices you need and choose *Download (PDF bundle)*. You get a ZIP archive with one PDF per invoice.\n\nFor a whole year, filter on the period first, then use *Select all*.',
    tags: ['invoices', 'export', 'pdf'],
  },
  {
    question: 'Can I export my data to CSV or Excel?',
    answer:
      'Yes. Every list (invoices, customers, appointments) has **Export → CSV**. The file opens in Excel or LibreOffice; pick *UTF-8* encoding if accented letters look wrong.',
    tags: ['export', 'csv', 'excel'],
  },
  {
    question: 'How do I invite my team members?',
    answer:
      'Go to **Settings → Team → Invite**. You can paste several email addresses at once; each person gets a link valid for 7 days, which you can resend from the same page.',
    tags: ['team', 'invitations'],
  },
  {
    question: 'I did not receive the password reset email',
    answer:
      '1. Check that the address on your account is the one you are reading.\n2. Look in your spam folder and, at work, in your mail filter’s quarantine.\n3. Add *no-reply@parvis.example* to your contacts and ask for a new link.\n\nThe link stays valid for one hour.',
    tags: ['account', 'password', 'email'],
  },
  {
    question: 'The Windows installer fails with error 0x80070005',
    answer:
      'This code means *access denied*, most often because an antivirus blocks the installer. Right-click the installer, choose **Run as administrator**, and pause real-time protection during the installation.',
    tags: ['installation', 'windows'],
  },
  {
    question: 'Is there a keyboard shortcut to search?',
    answer: 'Press `/` anywhere to jump to the search box, then `Enter` to see every result.',
    tags: ['search', 'keyboard'],
  },
  {
    question: 'How do I change the billing details on my invoices?',
    answer:
      'In **Billing → Billing settings**, edit the company name, address and VAT number. New details apply to the next invoices; invoices already issued stay as they were.',
    tags: ['invoices', 'vat'],
  },
  {
    question: 'How do I delete my account?',
    answer:
      'Go to **Settings → Account → Delete account**. Export your invoices first if you need them: once deleted, your data is erased within 30 days and cannot be recovered.',
    tags: ['account', 'gdpr'],
  },
];

/** The demo community's FAQ: eight articles in each language, a few of them voted helpful. */
export async function addFaqDemo(tx: Queryable, community: DemoCommunity) {
  const author = community.users.lea ?? community.users.admin;
  if (!author) return;
  const category = (slug: string) => (community.categories[slug] !== undefined ? slug : undefined);
  const items: FaqImportItem[] = [
    ...french.map((item, i) => ({
      ...item,
      locale: 'fr' as const,
      category: category('entraide'),
      externalId: `demo:fr:${i}`,
    })),
    ...english.map((item, i) => ({
      ...item,
      locale: 'en' as const,
      category: category('help'),
      externalId: `demo:en:${i}`,
    })),
  ];
  const { ids } = await importFaqArticles(tx, items, { authorId: author.id });
  const votes: [number, string, boolean, string | null][] = [
    [ids[0]!, 'hugo', true, null],
    [ids[0]!, 'amelie', true, 'Exactement ce qu’il me fallait pour ma comptable.'],
    [ids[2]!, 'amelie', true, null],
    [ids[8]!, 'priya', true, null],
    [ids[8]!, 'tom', false, 'I would like a single PDF instead of a ZIP.'],
    [ids[12]!, 'tom', true, null],
  ];
  for (const [articleId, username, helpful, comment] of votes) {
    const user = community.users[username];
    if (!user) continue;
    await castVote(tx, { articleId, voter: `u:${user.id}`, userId: user.id, helpful, comment });
  }
}
